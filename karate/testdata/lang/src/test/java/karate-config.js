function fn() {
  var auth = karate.callSingle('classpath:pkg/counter.feature?config', { seed: 'config' });
  return { configToken: auth.token };
}
