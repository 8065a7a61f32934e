package publish

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/kumite/kumite/internal/s3test"
)

// awsCLI is the AWS CLI of the Debian awscli package: an independent
// client to check what kumite wrote. Not the one on PATH, which may be
// another install.
const awsCLI = "/usr/bin/aws"

// aws runs the AWS CLI against the bucket's server and returns its output.
func (b *bucket) aws(args ...string) string {
	b.t.Helper()
	if _, err := os.Stat(awsCLI); err != nil {
		b.t.Fatalf("%s: %v: install the Debian awscli package (apt-get install awscli); CI installs it", awsCLI, err)
	}
	cmd := exec.Command(awsCLI, append([]string{"--endpoint-url", b.srv.Endpoint, "--no-cli-pager"}, args...)...)
	cmd.Env = append(os.Environ(),
		"AWS_ACCESS_KEY_ID="+s3test.AccessKey, "AWS_SECRET_ACCESS_KEY="+s3test.SecretKey,
		"AWS_DEFAULT_REGION="+s3test.Region, "AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

func TestAWSCLISeesWhatKumiteWrote(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)
	r := b.mustPublish(dir, "e2e", Options{})

	listing := b.aws("s3", "ls", "--recursive", "s3://"+b.name+"/e2e/")
	for _, folder := range []string{"runs/" + r.RunID + "/", "latest/"} {
		for name := range files {
			if !strings.Contains(listing, " e2e/"+folder+name+"\n") {
				t.Errorf("aws s3 ls does not list e2e/%s%s:\n%s", folder, name, listing)
			}
		}
	}
	for _, key := range []string{"e2e/index.html", "e2e/history.json"} {
		if !strings.Contains(listing, " "+key+"\n") {
			t.Errorf("aws s3 ls does not list %s", key)
		}
	}

	var head struct{ ContentType, CacheControl string }
	out := b.aws("s3api", "head-object", "--bucket", b.name, "--key", "e2e/runs/"+r.RunID+"/index.html")
	if err := json.Unmarshal([]byte(out), &head); err != nil {
		t.Fatalf("aws s3api head-object: %v\n%s", err, out)
	}
	if head.ContentType != "text/html; charset=utf-8" || head.CacheControl != cacheRun {
		t.Errorf("aws s3api head-object: Content-Type %q, Cache-Control %q", head.ContentType, head.CacheControl)
	}
}

// TestAWSCLISyncThenKumite: objects `aws s3 sync` uploaded have their MD5
// as ETag, so kumite finds nothing to upload; and kumite's flat layout
// leaves what `aws s3 sync` would see as in sync.
func TestAWSCLISyncThenKumite(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)
	b.aws("s3", "sync", "--only-show-errors", dir, "s3://"+b.name+"/site/")
	r := b.mustPublish(dir, "site", Options{Layout: LayoutFlat})
	if r.Uploaded != 0 || r.Unchanged != len(files) {
		t.Errorf("after aws s3 sync, kumite uploaded %d, unchanged %d; want 0, %d", r.Uploaded, r.Unchanged, len(files))
	}
	writeFiles(t, dir, map[string]string{"index.html": "changed"})
	b.mustPublish(dir, "site", Options{Layout: LayoutFlat})
	if got := b.aws("s3", "cp", "s3://"+b.name+"/site/index.html", "-"); got != "changed" {
		t.Errorf("aws s3 cp reads %q, want %q", got, "changed")
	}
}
