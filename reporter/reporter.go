package reporter

import "github.com/kumite/kumite/results"

// Write renders run into dir: index.html, features/*.html and assets/.
// Screenshots are already in dir (attachments hold their relative paths).
func Write(dir string, run *results.Run) error {
	_ = dir
	_ = run
	return nil // TODO(reporter helper)
}
