package config

import "time"

// Screenshots says when kumite captures a screenshot by itself. Explicit
// screenshot steps always capture.
type Screenshots string

// The screenshot modes of --screenshots.
const (
	ScreenshotsOff       Screenshots = "off"
	ScreenshotsOnFailure Screenshots = "on-failure"
	ScreenshotsEveryStep Screenshots = "every-step"
)

// Shard selects part I of N of the scenarios (1-based), for CI fan-out.
type Shard struct {
	Index int // 1..Total
	Total int // 0 means no sharding
}

// Config is everything `kumite run` needs, merged from defaults,
// kumite.yaml, KUMITE_* variables and flags, in that order of precedence
// (later wins).
type Config struct {
	Paths           []string          // feature files or folders, with optional :LINE
	Tags            string            // cucumber tag expression
	Workers         int               // scenarios in parallel
	Out             string            // report folder
	BaseURL         string            // joined with relative URLs of "I open"
	Serve           string            // folder to serve on an ephemeral loopback port
	WebServer       string            // command that starts the app under test
	WebServerURL    string            // URL that answers when that app is ready
	Browser         string            // path of Chrome/Chromium
	Remote          string            // ws:// or http:// address of a running Chrome
	Headless        bool              // run Chrome without a window
	WindowWidth     int               // --window-size width
	WindowHeight    int               // --window-size height
	ChromeFlags     []string          // extra Chrome switches, "name" or "name=value"
	Timeout         time.Duration     // per step
	ScenarioTimeout time.Duration     // per scenario
	Retries         int               // extra attempts for a failed scenario
	Screenshots     Screenshots       // off, on-failure, every-step
	Shard           Shard             // --shard I/N
	FailFast        bool              // stop at the first failed scenario
	DryRun          bool              // parse and match, run nothing
	PassWithNoTests bool              // a selection of no scenario exits 0, not 2
	Vars            map[string]string // --var NAME=VALUE and vars: of kumite.yaml
	Env             string            // selected envs: section
	EnvMissing      error             // Env names no envs: section: an error unless a karate-config.js reads karate.env
	KarateConfig    string            // --karate-config: the karate-config.js of every Karate scenario
	Publish         string            // s3:// URL to publish to after the run
	CucumberEmbed   bool              // screenshots as base64 in cucumber.json
	EmptyShard      bool              // CODEBUILD_CURRENT_SHARD_FILES is set and names no file: run nothing

	File    string            // settings file that was read, as given; "" when none
	Origins map[string]string // setting name -> where its value came from (see Where)
}

// Where says where the value of the setting name came from, in the form
// Load's errors start with: `--tags "@a and"`, `KUMITE_TAGS="@a and"`,
// `kumite.yaml:4: tags "@a and"`; "default tags" when no source set it.
// A caller that checks a value later (the runner parses tags) prefixes
// its error with it, so the user sees which source to fix.
func (c Config) Where(name string) string {
	if w, ok := c.Origins[name]; ok {
		return w
	}
	return "default " + name
}

// Defaults returns the configuration before any file, variable or flag.
func Defaults(cpus int) Config {
	if cpus < 1 {
		cpus = 1
	}
	return Config{
		Paths:           []string{"features"},
		Workers:         cpus,
		Out:             "reports",
		Headless:        true,
		WindowWidth:     1920,
		WindowHeight:    1080,
		Timeout:         10 * time.Second,
		ScenarioTimeout: 5 * time.Minute,
		Screenshots:     ScreenshotsOnFailure,
		Vars:            map[string]string{},
	}
}
