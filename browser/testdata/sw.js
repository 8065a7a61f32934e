// A service worker that does nothing: TestResetClearsEveryStore registers it.
self.addEventListener("fetch", () => {});
