package config

import "strings"

// Kind is how a setting takes its value and how sources combine it.
type Kind int

// The kinds of setting.
const (
	// KindValue is one value; a later source replaces it.
	KindValue Kind = iota
	// KindBool is a switch: --fail-fast, --headless=false; in the file and
	// in variables true/false, yes/no, on/off or 1/0.
	KindBool
	// KindList is repeatable. A source that gives it replaces the whole
	// list of the sources before it (--chrome-flag on the command line
	// replaces chrome-flags: of kumite.yaml).
	KindList
	// KindVars is repeatable NAME=VALUE. Sources merge by NAME; for one
	// NAME the later source wins.
	KindVars
)

// SettingInfo describes one setting of `kumite run`: its name in every
// source, its help and how it parses. cmd/kumite builds its flags from
// Settings; README's reference table comes from ReferenceMarkdown.
type SettingInfo struct {
	Name    string // flag name (--Name) and Setting.Name, e.g. "base-url"
	Env     string // environment variable, e.g. "KUMITE_BASE_URL"; "" when none
	Key     string // kumite.yaml key, e.g. "base-url"; "" when the file cannot set it
	Kind    Kind
	Arg     bool   // given as command-line arguments, not as --Name
	Usage   string // one line of help; the value's placeholder is in `backquotes`, as urfave/cli expects
	Default string // the default as help shows it; "" when none
	Example string // a valid value as typed after --Name, for docs and SampleYAML

	set   func(c *Config, v string) error // parses v into c; for KindVars v is NAME=VALUE
	reset func(c *Config)                 // KindList: empties the list
}

// Repeatable reports whether the flag may be given several times.
func (s *SettingInfo) Repeatable() bool { return s.Kind == KindList || s.Kind == KindVars }

// Placeholder returns the name of the value in help, e.g. "N" for
// --workers N; "" for a switch.
func (s *SettingInfo) Placeholder() string {
	_, rest, ok := strings.Cut(s.Usage, "`")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "`")
	return name
}

// Settings lists every setting of `kumite run`, in the order help shows
// them. Build every non-KindBool flag as a string (slice) flag so that the
// text reaches Load unparsed and its errors read the same from every source.
var Settings = []*SettingInfo{
	{
		Name: "config", Env: "KUMITE_CONFIG",
		Usage:   "read settings from `FILE`",
		Default: "kumite.yaml, if present",
		Example: "ci/kumite.yaml",
		set: func(c *Config, v string) (err error) {
			c.File, err = parseText(v, "file name") // Load reads the file before it applies the layers
			return err
		},
	},
	{
		Name: "env", Env: "KUMITE_ENV", Key: "env",
		Usage:   "apply the envs.`NAME` section of kumite.yaml over its top level",
		Example: "staging",
		set:     func(c *Config, v string) error { c.Env = v; return nil },
	},
	{
		Name: "path", Key: "paths", Kind: KindList, Arg: true,
		Usage:   "feature files or folders to run; `PATH`:LINE runs the scenario at that line",
		Default: "features",
		Example: "features/login.feature:12",
		set: func(c *Config, v string) error {
			p, err := parseText(v, "path")
			if err == nil {
				c.Paths = append(c.Paths, p)
			}
			return err
		},
		reset: func(c *Config) { c.Paths = nil },
	},
	{
		Name: "tags", Env: "KUMITE_TAGS", Key: "tags",
		Usage:   "run only the scenarios that match the cucumber tag expression `EXPR`",
		Example: "@smoke and not @wip",
		set:     func(c *Config, v string) error { c.Tags = v; return nil },
	},
	{
		Name: "workers", Env: "KUMITE_WORKERS", Key: "workers",
		Usage:   "run `N` scenarios in parallel (at most 4 per CPU and one per scenario)",
		Default: "CPU count",
		Example: "4",
		set: func(c *Config, v string) (err error) {
			c.Workers, err = parseCount(v, 1)
			return err
		},
	},
	{
		Name: "shard", Env: "KUMITE_SHARD", Key: "shard",
		Usage:   "run only part `I/N` of the scenarios, e.g. 2/4, to fan out in CI",
		Example: "2/4",
		set: func(c *Config, v string) (err error) {
			c.Shard, err = parseShard(v)
			return err
		},
	},
	{
		Name: "retries", Env: "KUMITE_RETRIES", Key: "retries",
		Usage:   "run a failed scenario up to `N` more times; a pass on retry is flaky",
		Default: "0",
		Example: "2",
		set: func(c *Config, v string) (err error) {
			c.Retries, err = parseCount(v, 0)
			return err
		},
	},
	{
		Name: "fail-fast", Env: "KUMITE_FAIL_FAST", Key: "fail-fast", Kind: KindBool,
		Usage:   "stop at the first failed scenario",
		Default: "false",
		Example: "true",
		set: func(c *Config, v string) (err error) {
			c.FailFast, err = parseBool(v)
			return err
		},
	},
	{
		Name: "pass-with-no-tests", Env: "KUMITE_PASS_WITH_NO_TESTS", Key: "pass-with-no-tests", Kind: KindBool,
		Usage:   "exit 0, not 2, when the paths and tags select no scenario",
		Default: "false",
		Example: "true",
		set: func(c *Config, v string) (err error) {
			c.PassWithNoTests, err = parseBool(v)
			return err
		},
	},
	{
		Name: "dry-run", Env: "KUMITE_DRY_RUN", Key: "dry-run", Kind: KindBool,
		Usage:   "parse the features and match every step, run nothing",
		Default: "false",
		Example: "true",
		set: func(c *Config, v string) (err error) {
			c.DryRun, err = parseBool(v)
			return err
		},
	},
	{
		Name: "timeout", Env: "KUMITE_TIMEOUT", Key: "timeout",
		Usage:   "how long a step waits for its element or assertion, a `DURATION` such as 10s",
		Default: "10s",
		Example: "15s",
		set: func(c *Config, v string) (err error) {
			c.Timeout, err = parseDuration(v)
			return err
		},
	},
	{
		Name: "scenario-timeout", Env: "KUMITE_SCENARIO_TIMEOUT", Key: "scenario-timeout",
		Usage:   "fail a scenario that runs longer than `DURATION`",
		Default: "5m",
		Example: "2m",
		set: func(c *Config, v string) (err error) {
			c.ScenarioTimeout, err = parseDuration(v)
			return err
		},
	},
	{
		Name: "base-url", Env: "KUMITE_BASE_URL", Key: "base-url",
		Usage:   "`URL` that relative URLs in steps are joined with",
		Example: "http://localhost:8080",
		set: func(c *Config, v string) (err error) {
			c.BaseURL, err = parseURL(v, "expected an absolute URL, e.g. http://localhost:8080", "http", "https", "file")
			return err
		},
	},
	{
		Name: "serve", Env: "KUMITE_SERVE", Key: "serve",
		Usage:   "serve the static folder `DIR` on a loopback port and use it as the base URL",
		Example: "demo/site",
		set:     func(c *Config, v string) error { c.Serve = v; return nil },
	},
	{
		Name: "web-server", Env: "KUMITE_WEB_SERVER", Key: "web-server",
		Usage:   "start the app under test with the shell command `CMD` and stop it after the run",
		Example: "npm start",
		set:     func(c *Config, v string) error { c.WebServer = v; return nil },
	},
	{
		Name: "web-server-url", Env: "KUMITE_WEB_SERVER_URL", Key: "web-server-url",
		Usage:   "wait until `URL` answers before the first scenario; required with web-server",
		Example: "http://localhost:3000/health",
		set: func(c *Config, v string) (err error) {
			c.WebServerURL, err = parseURL(v, "expected an http:// or https:// URL, e.g. http://localhost:3000/health", "http", "https")
			return err
		},
	},
	{
		Name: "var", Env: "KUMITE_VAR_<NAME>", Key: "vars", Kind: KindVars,
		Usage:   "set the variable ${NAME} of the steps: `NAME=VALUE`",
		Example: "user=alice",
		set: func(c *Config, v string) error {
			name, value, err := parseVar(v)
			if err == nil {
				c.Vars[name] = value
			}
			return err
		},
	},
	{
		Name: "karate-config", Env: "KUMITE_KARATE_CONFIG", Key: "karate-config",
		Usage:   "run the Karate configuration `FILE` for every Karate scenario, instead of the karate-config.js found beside the features",
		Example: "src/test/java/karate-config.js",
		set:     func(c *Config, v string) error { c.KarateConfig = v; return nil },
	},
	{
		Name: "browser", Env: "KUMITE_BROWSER", Key: "browser",
		Usage:   "Chrome or Chromium executable at `PATH`",
		Default: "chromium-headless-shell when headless, else chromium",
		Example: "/usr/bin/chromium",
		set:     func(c *Config, v string) error { c.Browser = v; return nil },
	},
	{
		Name: "remote", Env: "KUMITE_REMOTE", Key: "remote",
		Usage:   "attach to a running Chrome at `URL` (ws://… or http://HOST:9222) instead of launching one",
		Example: "http://127.0.0.1:9222",
		set: func(c *Config, v string) (err error) {
			c.Remote, err = parseURL(v, "expected ws://… or http://HOST:PORT of a Chrome started with --remote-debugging-port", "ws", "wss", "http", "https")
			return err
		},
	},
	{
		Name: "headless", Env: "KUMITE_HEADLESS", Key: "headless", Kind: KindBool,
		Usage:   "run Chrome without a window; --headless=false to watch",
		Default: "true",
		Example: "false",
		set: func(c *Config, v string) (err error) {
			c.Headless, err = parseBool(v)
			return err
		},
	},
	{
		Name: "window-size", Env: "KUMITE_WINDOW_SIZE", Key: "window-size",
		Usage:   "browser window size `WIDTHxHEIGHT`",
		Default: "1920x1080",
		Example: "1280x720",
		set: func(c *Config, v string) (err error) {
			c.WindowWidth, c.WindowHeight, err = parseWindowSize(v)
			return err
		},
	},
	{
		Name: "chrome-flag", Env: "KUMITE_CHROME_FLAG", Key: "chrome-flags", Kind: KindList,
		Usage:   "pass the switch `FLAG` to Chrome, e.g. --lang=de-DE",
		Example: "--lang=de-DE",
		set: func(c *Config, v string) error {
			f, err := parseChromeFlag(v)
			if err == nil {
				c.ChromeFlags = append(c.ChromeFlags, f)
			}
			return err
		},
		reset: func(c *Config) { c.ChromeFlags = nil },
	},
	{
		Name: "screenshots", Env: "KUMITE_SCREENSHOTS", Key: "screenshots",
		Usage:   "when to capture a screenshot by itself, `WHEN`: off, on-failure or every-step",
		Default: "on-failure",
		Example: "every-step",
		set: func(c *Config, v string) (err error) {
			c.Screenshots, err = parseScreenshots(v)
			return err
		},
	},
	{
		Name: "out", Env: "KUMITE_OUT", Key: "out",
		Usage:   "write the report to the folder `DIR` (a new run clears only what kumite wrote there)",
		Default: "reports",
		Example: "build/e2e-report",
		set: func(c *Config, v string) (err error) {
			c.Out, err = parseText(v, "folder name")
			return err
		},
	},
	{
		Name: "cucumber-embed", Env: "KUMITE_CUCUMBER_EMBED", Key: "cucumber-embed", Kind: KindBool,
		Usage:   "put screenshots into cucumber.json as base64 embeddings (default: their paths)",
		Default: "false",
		Example: "true",
		set: func(c *Config, v string) (err error) {
			c.CucumberEmbed, err = parseBool(v)
			return err
		},
	},
	{
		Name: "publish", Env: "KUMITE_PUBLISH", Key: "publish",
		Usage:   "after the run, whatever its outcome, publish the report to `s3://BUCKET/PREFIX`",
		Example: "s3://qa-reports/web",
		set: func(c *Config, v string) (err error) {
			c.Publish, err = parsePublish(v)
			return err
		},
	},
}

// setting returns the setting called name, or nil.
func setting(name string) *SettingInfo {
	for _, s := range Settings {
		if s.Name == name {
			return s
		}
	}
	return nil
}
