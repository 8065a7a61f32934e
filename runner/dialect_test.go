package runner

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/karate"
)

// TestBrowserOptions: configure driver shapes the browser kumite starts,
// but what the user set explicitly wins.
func TestBrowserOptions(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	driver := func(src string) *dialects {
		st, err := karate.Parse("configure driver = "+src, "")
		if err != nil {
			t.Fatal(err)
		}
		d, err := karate.DriverOf(st, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return &dialects{driver: &d, driverAt: "x.feature:3"}
	}
	base := browser.Options{Headless: true, Width: 800, Height: 600, Flags: []string{"lang=ja"}}
	tests := []struct {
		name    string
		d       *dialects
		remote  string
		origins setOrigins
		want    browser.Options
	}{
		{"no Karate", nil, "", nil, base},
		{"launched", driver(`{ type: 'chrome', headless: false, addOptions: ['--window-size=1920,1080', '--incognito'] }`), "", nil,
			browser.Options{Headless: false, Width: 1920, Height: 1080, Flags: []string{"--incognito", "lang=ja"}}},
		{"flags win", driver(`{ type: 'chrome', headless: false, addOptions: ['--window-size=1920,1080'] }`), "",
			setOrigins{"headless": "--headless", "window-size": "--window-size 800x600"}, base},
		{"attached", driver(`{ type: 'chrome', start: false, host: '127.0.0.1', port: ` + itoa(int64(port)) + ` }`), "", nil,
			browser.Options{Remote: "http://127.0.0.1:" + itoa(int64(port)), Headless: true, Width: 800, Height: 600, Flags: []string{"lang=ja"}}},
		{"--remote wins", driver(`{ type: 'chrome', start: false, port: 1 }`), "ws://elsewhere", nil,
			browser.Options{Remote: "ws://elsewhere", Headless: true, Width: 800, Height: 600, Flags: []string{"lang=ja"}}},
		{"webSocketUrl", driver(`{ type: 'chrome', webSocketUrl: 'ws://127.0.0.1:1/devtools/browser/x' }`), "", nil,
			browser.Options{Remote: "ws://127.0.0.1:1/devtools/browser/x", Headless: true, Width: 800, Height: 600, Flags: []string{"lang=ja"}}},
	}
	for _, tt := range tests {
		in := base
		in.Flags = append([]string(nil), base.Flags...)
		in.Remote = tt.remote
		got, err := tt.d.browserOptions(in, tt.origins)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Remote != tt.want.Remote || got.Headless != tt.want.Headless || got.Width != tt.want.Width ||
			got.Height != tt.want.Height || strings.Join(got.Flags, " ") != strings.Join(tt.want.Flags, " ") {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestDriverExecutableAndTimeout: configure driver's executable is the
// Chrome to start unless --browser says another; its timeout bounds the start.
func TestDriverExecutableAndTimeout(t *testing.T) {
	st, err := karate.Parse("configure driver = { type: 'chrome', executable: '/opt/chrome', timeout: 5000 }", "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := karate.DriverOf(st, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	dia := &dialects{driver: &d}
	if got := dia.executable(""); got != "/opt/chrome" {
		t.Errorf("executable without --browser %q", got)
	}
	if got := dia.executable("/usr/bin/chromium"); got != "/usr/bin/chromium" {
		t.Errorf("executable with --browser %q", got)
	}
	if got := dia.startTimeout(time.Minute); got != 5*time.Second {
		t.Errorf("start timeout %s", got)
	}
	if got := (*dialects)(nil).startTimeout(time.Minute); got != time.Minute {
		t.Errorf("start timeout without Karate %s", got)
	}
}

func TestDriverConfigErrors(t *testing.T) {
	for src, want := range map[string]string{
		`{ type: 'geckodriver' }`:              `configure driver: type "geckodriver" is not supported by kumite: only 'chrome'`,
		`{ type: 'chrome', beforeStart: 'x' }`: `configure driver: the key "beforeStart" is not supported by kumite yet`,
		`'chrome'`:                             `configure driver needs an object`,
		`{ type: 'chrome', port: 'abc' }`:      `configure driver: port "abc" is not a number`,
	} {
		st, err := karate.Parse("configure driver = "+src, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = karate.DriverOf(st, nil, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("configure driver = %s: error %v, want %q", src, err, want)
		}
	}
}

// TestDriverFromProperties: configure driver may read --vars through
// karate.properties, as it is read before any scenario runs.
func TestDriverFromProperties(t *testing.T) {
	st, err := karate.Parse("configure driver = { type: 'chrome', start: false, port: karate.properties['chrome.port'] }", "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := karate.DriverOf(st, map[string]string{"chrome.port": "9333"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Remote() != "http://localhost:9333" {
		t.Errorf("remote %q, want http://localhost:9333", d.Remote())
	}
	st, err = karate.Parse("configure driver = { type: 'chrome', port: chromePort }", "")
	if err != nil {
		t.Fatal(err)
	}
	// Karate's own suites write configure driver = driverConfig, a
	// variable of karate-config.js: the message says why and what to do.
	if _, err := karate.DriverOf(st, nil, nil); err == nil || !strings.Contains(err.Error(), "chromePort is not defined") ||
		!strings.Contains(err.Error(), "before any scenario runs") || !strings.Contains(err.Error(), "karate.properties") {
		t.Errorf("a scenario variable in configure driver: %v", err)
	}
}

// TestDriverFromKarateConfig: Karate's usual set-up, karate.configure('driver',
// …) in karate-config.js and configure driver = driverConfig in the
// features, decides the run's browser (the first was ignored, the second
// failed to parse); a configuration that calls features is left to the
// scenarios.
func TestDriverFromKarateConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) *karate.ConfigFile {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := karate.LoadConfig(path)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	base := write("karate-config.js", `function fn() {
		var driverConfig = { type: 'chrome', port: Number(karate.properties['chrome.port'] || 9222), start: karate.env != 'ci' };
		karate.log('driver', driverConfig);
		karate.configure('driver', { type: 'chrome', addOptions: ['--window-size=800,600'] });
		return { driverConfig: driverConfig };
	}`)
	driver, known, err := karate.ConfigDriver([]*karate.ConfigFile{base}, "ci", map[string]string{"chrome.port": "9333"})
	if err != nil || driver == nil || driver.Width != 800 || driver.Height != 600 {
		t.Fatalf("karate.configure('driver') in karate-config.js: %+v, %v; want an 800x600 window", driver, err)
	}
	st, err := karate.Parse("configure driver = driverConfig", "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := karate.DriverOf(st, nil, known)
	if err != nil || d.Start || d.Port != 9333 {
		t.Errorf("configure driver = driverConfig: %+v, %v; want start: false on port 9333", d, err)
	}
	calls := write("calls.js", `function fn() { var auth = karate.callSingle('login.feature'); karate.configure('driver', { type: 'chrome' }); return { token: auth.token } }`)
	if driver, known, err := karate.ConfigDriver([]*karate.ConfigFile{calls}, "", nil); driver != nil || len(known) != 0 || err != nil {
		t.Errorf("a configuration that calls a feature: %+v, %v, %v; want nothing known", driver, known, err)
	}
	endless := write("endless.js", `function fn() { while (true) {} }`)
	if driver, known, err := karate.ConfigDriver([]*karate.ConfigFile{endless}, "", nil); driver != nil || len(known) != 0 || err != nil {
		t.Errorf("a configuration that never ends: %+v, %v, %v; want it stopped, nothing known", driver, known, err)
	}
	bad := write("bad.js", `function fn() { karate.configure('driver', { type: 'geckodriver' }); return {} }`)
	if _, _, err := karate.ConfigDriver([]*karate.ConfigFile{bad}, "", nil); err == nil || !strings.Contains(err.Error(), "bad.js: karate.configure('driver', …): configure driver: type \"geckodriver\" is not supported") {
		t.Errorf("an unsupported driver in karate-config.js: %v", err)
	}
}
