function fn() {
  var env = karate.env;
  karate.log('karate.env is', env);
  var config = { appName: 'demo', env: env };
  if (env == 'staging') {
    config.greeting = 'hello staging';
  }
  return config;
}
