function fn() {
  return { appName: 'demo-staging', envFile: 'karate-config-staging.js' };
}
