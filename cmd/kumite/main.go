// Command kumite runs Gherkin feature files in headless Chrome, writes an
// HTML report and publishes it to S3. See DESIGN.md for the contract.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	app := &App{
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Env:     os.Environ(),
		Signals: sig,
		Version: version,
	}
	os.Exit(app.Run(os.Args))
}
