package kumite

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"gopkg.in/yaml.v3"

	"github.com/kumite/kumite/internal/s3test"
	"github.com/kumite/kumite/results"
)

// This file is a small CodeBuild: it runs buildspec.yml and
// buildspec-batch.yml the way CodeBuild runs them in the kumite image, with
// kumite built from this tree, the demo site and a real MinIO for S3.

// buildspec is the part of a buildspec (version 0.2) that CodeBuild acts on.
type buildspec struct {
	Version string `yaml:"version"`
	Env     struct {
		Shell     string            `yaml:"shell"`
		Variables map[string]string `yaml:"variables"`
	} `yaml:"env"`
	Phases  map[string]phase       `yaml:"phases"`
	Reports map[string]reportGroup `yaml:"reports"`
	Batch   struct {
		FastFail   bool        `yaml:"fast-fail"`
		BuildGraph []graphTask `yaml:"build-graph"`
	} `yaml:"batch"`
}

type phase struct {
	OnFailure string   `yaml:"on-failure"`
	Commands  []string `yaml:"commands"`
}

type reportGroup struct {
	Files         []string `yaml:"files"`
	BaseDirectory string   `yaml:"base-directory"`
	FileFormat    string   `yaml:"file-format"`
}

type graphTask struct {
	Identifier string   `yaml:"identifier"`
	DependOn   []string `yaml:"depend-on"`
	Env        struct {
		Variables map[string]string `yaml:"variables"`
	} `yaml:"env"`
	IgnoreFailure bool `yaml:"ignore-failure"`
}

func readBuildspec(t *testing.T, name string) buildspec {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var spec buildspec
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if spec.Version != "0.2" {
		t.Fatalf("%s: version %q, want 0.2", name, spec.Version)
	}
	if spec.Env.Shell != "bash" {
		t.Fatalf("%s: env.shell %q, want bash (the image has it; /bin/sh is CodeBuild's default)", name, spec.Env.Shell)
	}
	for phaseName, p := range spec.Phases {
		if p.OnFailure != "" {
			t.Fatalf("%s: phase %s has on-failure %s, which this harness does not model", name, phaseName, p.OnFailure)
		}
	}
	return spec
}

// phaseOrder is the order CodeBuild runs the phases in.
var phaseOrder = []string{"install", "pre_build", "build", "post_build"}

// build is the outcome of one CodeBuild build.
type build struct {
	failed bool
	phases map[string]int // phase -> exit status of its failing command, 0 when it succeeded; absent when not run
	log    string
}

// script renders the phases as one bash program, run in one shell as
// CodeBuild does with version 0.2: a phase stops at its first failing
// command; a failed install or pre_build skips every later phase; a failed
// build still runs post_build, with CODEBUILD_BUILD_SUCCEEDING=0. Each
// phase's status goes to fd 3.
func script(spec buildspec) string {
	var b strings.Builder
	for _, name := range phaseOrder {
		fmt.Fprintf(&b, "__phase_%s() {\n", name)
		for _, c := range spec.Phases[name].Commands {
			fmt.Fprintf(&b, "echo %s\n%s\n__rc=$?\n", shellQuote("[Container] Running command "+c), c)
			fmt.Fprintf(&b, "if [ $__rc -ne 0 ]; then echo \"[Container] Command did not exit successfully (exit status $__rc)\"; return $__rc; fi\n")
		}
		b.WriteString(":\n}\n")
	}
	b.WriteString(`__skip=
for __p in install pre_build build; do
  if [ -z "$__skip" ]; then
    "__phase_$__p"; __rc=$?; echo "$__p $__rc" >&3
    if [ $__rc -ne 0 ]; then
      if [ $__p = build ]; then export CODEBUILD_BUILD_SUCCEEDING=0; else __skip=1; fi
    fi
  fi
done
if [ -z "$__skip" ]; then __phase_post_build; echo "post_build $?" >&3; fi
`)
	return b.String()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// runBuild runs spec in src with env (KEY=VALUE; later wins) after the
// buildspec's own variables, as CodeBuild exports them.
func runBuild(t *testing.T, spec buildspec, src string, env []string) build {
	t.Helper()
	dir := t.TempDir()
	prog := filepath.Join(dir, "build.sh")
	if err := os.WriteFile(prog, []byte(script(spec)), 0o644); err != nil {
		t.Fatal(err)
	}
	status, err := os.Create(filepath.Join(dir, "status"))
	if err != nil {
		t.Fatal(err)
	}
	defer status.Close()
	cmd := exec.Command("bash", prog)
	cmd.Dir = src
	for k, v := range spec.Env.Variables {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, "CODEBUILD_BUILD_SUCCEEDING=1", "CODEBUILD_SRC_DIR="+src)
	cmd.Env = append(cmd.Env, env...)
	cmd.ExtraFiles = []*os.File{status}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the build's shell itself failed: %v\n%s", err, out)
	}
	data, err := os.ReadFile(status.Name())
	if err != nil {
		t.Fatal(err)
	}
	b := build{phases: map[string]int{}, log: string(out)}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		name, code, _ := strings.Cut(line, " ")
		n, _ := strconv.Atoi(code)
		b.phases[name] = n
		b.failed = b.failed || n != 0
	}
	return b
}

// kumiteBin is the folder holding the kumite built for this test binary.
var kumiteBin struct {
	once sync.Once
	dir  string
	err  error
}

// kumiteBinary builds kumite from this tree, once, into a folder for PATH.
// (make image-check runs the static build of the Dockerfile.)
func kumiteBinary(t *testing.T) string {
	t.Helper()
	kumiteBin.once.Do(func() {
		if kumiteBin.dir, kumiteBin.err = os.MkdirTemp("", "kumite-bin-"); kumiteBin.err != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(kumiteBin.dir, "kumite"), "./cmd/kumite")
		if out, err := cmd.CombinedOutput(); err != nil {
			kumiteBin.err = fmt.Errorf("go build ./cmd/kumite: %v\n%s", err, out)
		}
	})
	if kumiteBin.err != nil {
		t.Fatal(kumiteBin.err)
	}
	return kumiteBin.dir
}

// sourceDir is a repository checkout as CodeBuild's source: this repo's
// kumite.yaml (the demo site) and features of which one fails.
func sourceDir(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"features/pass.feature": `Feature: Passing
  Scenario: the home page
    Given I open "/index.html"
    Then the title should be "Kumite Demo"
  Scenario: the table
    Given I open "/table.html"
    Then there should be at least 1 element matching "table"
  Scenario: the login page
    Given I open "/login.html"
    Then "#username" should be visible
`,
		"features/fail.feature": `Feature: Failing
  Scenario: a wrong title
    Given I open "/index.html"
    Then the title should be "Not the title"
`,
	}
	yml, err := os.ReadFile("kumite.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files["kumite.yaml"] = string(yml) + "workers: 1\n"
	for name, body := range files {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// baseEnv is what every build sees: kumite on PATH, a HOME, S3 at MinIO
// through the standard AWS variables, and the project's REPORT_S3_BUCKET.
func baseEnv(t *testing.T, bin string, minio *s3test.Server, bucket string) []string {
	env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"REPORT_S3_BUCKET=" + bucket}
	return append(env, minio.Env()...)
}

// keys lists the objects under prefix.
func keys(t *testing.T, minio *s3test.Server, bucket, prefix string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	p := s3.NewListObjectsV2Paginator(minio.Client(), &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out[*o.Key] = true
		}
	}
	return out
}

// resultsAt reads the results.json stored at key.
func resultsAt(t *testing.T, minio *s3test.Server, bucket, key string) *results.Run {
	t.Helper()
	obj, err := minio.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatalf("get s3://%s/%s: %v", bucket, key, err)
	}
	defer obj.Body.Close()
	data, err := io.ReadAll(obj.Body)
	if err != nil {
		t.Fatal(err)
	}
	var run results.Run
	if err := json.Unmarshal(data, &run); err != nil {
		t.Fatalf("s3://%s/%s: %v", bucket, key, err)
	}
	return &run
}

// failures lists the failed scenarios of run with their errors.
func failures(run *results.Run) string {
	var b strings.Builder
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			if s.Status == results.Failed && len(s.Attempts) > 0 {
				fmt.Fprintf(&b, "%s:%d %s: %s\n", f.URI, s.Line, s.Name, s.Attempts[len(s.Attempts)-1].Error)
			}
		}
	}
	return b.String()
}

// reportFiles checks that every file a reports: group names is where
// CodeBuild looks for it after the build.
func reportFiles(t *testing.T, spec buildspec, src string) {
	t.Helper()
	if len(spec.Reports) == 0 {
		t.Fatal("the buildspec hands no report to a report group")
	}
	for name, g := range spec.Reports {
		if g.FileFormat != "JUNITXML" {
			t.Errorf("report group %s: file-format %q, want JUNITXML", name, g.FileFormat)
		}
		for _, f := range g.Files {
			if _, err := os.Stat(filepath.Join(src, g.BaseDirectory, f)); err != nil {
				t.Errorf("report group %s: %v", name, err)
			}
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	s3test.CloseShared()
	if kumiteBin.dir != "" {
		os.RemoveAll(kumiteBin.dir)
	}
	os.Exit(code)
}

// TestBuildspec runs buildspec.yml as CodeBuild does on a push whose
// features have a failing scenario: the build fails, the report is in S3
// anyway, and junit.xml is where reports: says.
func TestBuildspec(t *testing.T) {
	spec := readBuildspec(t, "buildspec.yml")
	bin := kumiteBinary(t)
	minio := s3test.Shared(t)
	bucket := minio.NewBucket(t)
	src := sourceDir(t)
	env := append(baseEnv(t, bin, minio, bucket),
		"CODEBUILD_BUILD_ID=kumite-e2e:0b6c2c4e-5d43-4b8e-9f0e-4f1c2a7f9d11", "CODEBUILD_BUILD_NUMBER=7",
		"CODEBUILD_RESOLVED_SOURCE_VERSION=4f1c2a7f9d110b6c2c4e5d434b8e9f0e4f1c2a7f", "CODEBUILD_INITIATOR=GitHub-Hookshot/1234",
		"CODEBUILD_WEBHOOK_HEAD_REF=refs/heads/main")

	b := runBuild(t, spec, src, env)
	if !b.failed || b.phases["build"] != 1 {
		t.Fatalf("a failing scenario: want the build phase failed with exit 1, got phases %v\n%s", b.phases, b.log)
	}
	if code, ran := b.phases["post_build"]; !ran || code != 0 {
		t.Fatalf("post_build must run after a failed build and publish: phases %v\n%s", b.phases, b.log)
	}
	got := keys(t, minio, bucket, "e2e/")
	// The run id is <project>-<build number> (README, Publishing).
	for _, k := range []string{"e2e/index.html", "e2e/runs/kumite-e2e-7/index.html", "e2e/runs/kumite-e2e-7/results.json", "e2e/latest/index.html"} {
		if !got[k] {
			t.Errorf("s3://%s/%s was not published; have %v", bucket, k, got)
		}
	}
	run := resultsAt(t, minio, bucket, "e2e/latest/results.json")
	if run.Counts.Total != 4 || run.Counts.Failed != 1 || run.Env.BuildNum != "7" || run.Env.Branch != "main" {
		t.Errorf("published results: counts %+v, build %q, branch %q; want 4 scenarios, 1 failed, build 7 on main\n%s",
			run.Counts, run.Env.BuildNum, run.Env.Branch, failures(run))
	}
	reportFiles(t, spec, src)
}

// TestBuildspecPassing checks the other outcome: every scenario passes,
// the build succeeds.
func TestBuildspecPassing(t *testing.T) {
	spec := readBuildspec(t, "buildspec.yml")
	bin := kumiteBinary(t)
	minio := s3test.Shared(t)
	bucket := minio.NewBucket(t)
	src := sourceDir(t)
	if err := os.Remove(filepath.Join(src, "features/fail.feature")); err != nil {
		t.Fatal(err)
	}
	b := runBuild(t, spec, src, append(baseEnv(t, bin, minio, bucket),
		"CODEBUILD_BUILD_ID=kumite-e2e:7d0c7c1e-1f43-4a5e-8c1e-2f0b3a4d5e6f", "CODEBUILD_BUILD_NUMBER=8"))
	if b.failed {
		t.Fatalf("every scenario passed: want the build to succeed, got phases %v\n%s", b.phases, b.log)
	}
	if !keys(t, minio, bucket, "e2e/")["e2e/runs/kumite-e2e-8/index.html"] {
		t.Errorf("the report of build 8 was not published\n%s", b.log)
	}
}

// batch is one run of buildspec-batch.yml's build graph.
type batch struct {
	minio       *s3test.Server
	bucket      string
	shards      []*results.Run // as each shard published it
	report      build          // the report build
	reportRunID string         // its run in the history
}

// runBatch runs buildspec-batch.yml's build graph on src in dependency
// order, each build in its own checkout with the variables CodeBuild gives
// it, and returns what the shards published and what the report build did.
func runBatch(t *testing.T, src string) batch {
	t.Helper()
	spec := readBuildspec(t, "buildspec-batch.yml")
	bin := kumiteBinary(t)
	out := batch{minio: s3test.Shared(t)}
	out.bucket = out.minio.NewBucket(t)
	const batchID = "kumite-e2e:5e1d7a8c-3c2b-4f7e-8a51-2d9b6c0e4a77"
	base := baseEnv(t, bin, out.minio, out.bucket)

	var shards, merges []graphTask
	for _, task := range spec.Batch.BuildGraph {
		if len(task.DependOn) == 0 {
			shards = append(shards, task)
		} else {
			merges = append(merges, task)
		}
	}
	if len(shards) < 2 || len(merges) != 1 || len(merges[0].DependOn) != len(shards) {
		t.Fatalf("want shards and one report build that depends on all of them, got %+v", spec.Batch.BuildGraph)
	}
	if want := strconv.Itoa(len(shards)); spec.Env.Variables["SHARDS"] != want {
		t.Fatalf("SHARDS is %q, the graph has %s shards", spec.Env.Variables["SHARDS"], want)
	}
	number := 20
	runTask := func(task graphTask) build {
		number++
		env := append([]string{}, base...)
		for k, v := range task.Env.Variables {
			env = append(env, k+"="+v)
		}
		env = append(env, "CODEBUILD_BATCH_BUILD_IDENTIFIER="+task.Identifier, "CODEBUILD_BUILD_BATCH_ID="+batchID,
			fmt.Sprintf("CODEBUILD_BUILD_ID=kumite-e2e:%08d-0000-4000-8000-000000000000", number),
			"CODEBUILD_BUILD_NUMBER="+strconv.Itoa(number))
		dir := t.TempDir() // every build has its own checkout
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		b := runBuild(t, spec, dir, env)
		t.Logf("%s: phases %v", task.Identifier, b.phases)
		return b
	}

	prefix := "e2e/batches/" + strings.TrimPrefix(batchID, "kumite-e2e:") + "/"
	for _, task := range shards {
		b := runTask(task)
		if b.failed {
			t.Fatalf("shard %s: a failed scenario must not fail the shard build (the report build must run), phases %v\n%s", task.Identifier, b.phases, b.log)
		}
		run := resultsAt(t, out.minio, out.bucket, prefix+task.Identifier+"/results.json")
		if run.Env.Shard == "" {
			t.Errorf("shard %s ran unsharded", task.Identifier)
		}
		out.shards = append(out.shards, run)
	}
	out.report = runTask(merges[0])
	out.reportRunID = fmt.Sprintf("kumite-e2e-%d", number)
	if out.report.phases["post_build"] != 0 {
		t.Errorf("the report build must publish the merged report, phases %v\n%s", out.report.phases, out.report.log)
	}
	if !keys(t, out.minio, out.bucket, "e2e/")["e2e/index.html"] {
		t.Errorf("the merged run is not in the history index")
	}
	return out
}

// TestBuildspecBatch runs buildspec-batch.yml with a failing scenario: the
// shards succeed and publish, the report build merges them into one run
// with every scenario and fails.
func TestBuildspecBatch(t *testing.T) {
	b := runBatch(t, sourceDir(t))
	total := 0
	for _, run := range b.shards {
		total += run.Counts.Total
	}
	if total != 4 {
		t.Errorf("the shards ran %d scenarios together, want each of the 4 once", total)
	}
	if !b.report.failed || b.report.phases["build"] == 0 {
		t.Errorf("the report build of a batch with a failed scenario must fail, phases %v\n%s", b.report.phases, b.report.log)
	}
	run := resultsAt(t, b.minio, b.bucket, "e2e/runs/"+b.reportRunID+"/results.json")
	if run.Counts.Total != 4 || run.Counts.Failed != 1 || run.Counts.Passed != 3 {
		t.Errorf("merged report counts %+v, want 4 scenarios: 3 passed, 1 failed\n%s", run.Counts, failures(run))
	}
}

// TestBuildspecBatchPassing checks the other outcome: every scenario
// passes, the report build succeeds.
func TestBuildspecBatchPassing(t *testing.T) {
	src := sourceDir(t)
	if err := os.Remove(filepath.Join(src, "features/fail.feature")); err != nil {
		t.Fatal(err)
	}
	b := runBatch(t, src)
	if b.report.failed {
		t.Errorf("every scenario passed: want the report build to succeed, phases %v\n%s", b.report.phases, b.report.log)
	}
	run := resultsAt(t, b.minio, b.bucket, "e2e/runs/"+b.reportRunID+"/results.json")
	if run.Counts.Total != 3 || run.Counts.Passed != 3 {
		t.Errorf("merged report counts %+v, want 3 passed", run.Counts)
	}
}
