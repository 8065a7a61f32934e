package publish

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// readHistoryObject reads PREFIX/history.json through the test's client.
func (b *bucket) history(prefix string) History {
	b.t.Helper()
	var h History
	if err := json.Unmarshal([]byte(b.get(prefix+"/history.json")), &h); err != nil {
		b.t.Fatalf("history.json: %v", err)
	}
	return h
}

func runIDs(h History) []string {
	var ids []string
	for _, r := range h.Runs {
		ids = append(ids, r.ID)
	}
	return ids
}

// withResults returns files plus the results.json that dir now holds.
func withResults(t *testing.T, dir string, files map[string]string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, results.FileName))
	if err != nil {
		t.Fatal(err)
	}
	all := maps.Clone(files)
	all[results.FileName] = string(data)
	return all
}

func TestHistoryThreeRunsThenKeep(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	t0 := time.Date(2026, 2, 14, 10, 15, 0, 0, time.UTC)
	env := results.Environment{Branch: "main", Commit: "0123456789abcdef0123", BuildURL: "https://ci.example/build/1"}

	// Three runs; each changes the folder the way consecutive runs do.
	var ids []string
	var last map[string]string
	for i, change := range []map[string]string{
		nil,
		{"index.html": "<!DOCTYPE html><title>run 2</title>"},
		{"index.html": "<!DOCTYPE html><title>run 3</title>", "features/login.html": ""},
	} {
		dir, files := report(t, nil)
		for name, content := range change {
			if content == "" {
				os.Remove(filepath.Join(dir, name))
				delete(files, name)
			} else {
				writeFiles(t, dir, map[string]string{name: content})
				files[name] = content
			}
		}
		status := results.Passed
		if i == 1 {
			status = results.Failed
		}
		writeResults(t, dir, "run-"+string(rune('a'+i)), t0.Add(time.Duration(i)*time.Hour), status, env)
		r := b.mustPublish(dir, "e2e", Options{})
		ids = append(ids, r.RunID)
		last = withResults(t, dir, files)
		if got := b.objects("e2e/runs/" + r.RunID + "/"); !maps.Equal(got, last) {
			t.Errorf("run %d: runs/%s/ holds %q, want %q", i+1, r.RunID, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(last)))
		}
	}
	wantIDs := []string{"20260214T101500Z", "20260214T111500Z", "20260214T121500Z"}
	if !slices.Equal(ids, wantIDs) {
		t.Fatalf("run ids %q, want %q", ids, wantIDs)
	}
	if got := b.objects("e2e/latest/"); !maps.Equal(got, last) {
		t.Errorf("latest/ holds %q, want the third run's files %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(last)))
	}
	h := b.history("e2e")
	if got, want := runIDs(h), []string{wantIDs[2], wantIDs[1], wantIDs[0]}; !slices.Equal(got, want) {
		t.Fatalf("history runs %q, want newest first %q", got, want)
	}
	second := h.Runs[1]
	if second.Status != "failed" || second.Counts.Failed != 1 || second.Branch != "main" || second.Commit != env.Commit ||
		second.BuildURL != env.BuildURL || second.DurationMS != 90000 || !second.Time.Equal(t0.Add(time.Hour)) {
		t.Errorf("history entry of run 2 = %+v", second)
	}
	page := b.get("e2e/index.html")
	table := page[strings.Index(page, "<table>"):]
	at := func(id string) int { return strings.Index(table, `href="runs/`+id+`/index.html"`) }
	if !(at(wantIDs[2]) >= 0 && at(wantIDs[2]) < at(wantIDs[1]) && at(wantIDs[1]) < at(wantIDs[0])) {
		t.Errorf("index.html does not link the three runs newest first:\n%s", page)
	}

	// A fourth run with --keep 2 drops the two oldest runs and their folders.
	dir, _ := report(t, nil)
	writeResults(t, dir, "run-d", t0.Add(3*time.Hour), results.Passed, env)
	r := b.mustPublish(dir, "e2e", Options{Keep: 2})
	if got, want := runIDs(b.history("e2e")), []string{r.RunID, wantIDs[2]}; !slices.Equal(got, want) {
		t.Errorf("history after --keep 2: %q, want %q", got, want)
	}
	folders := map[string]bool{}
	for key := range b.objects("e2e/runs/") {
		folders[strings.SplitN(key, "/", 2)[0]] = true
	}
	if want := map[string]bool{r.RunID: true, wantIDs[2]: true}; !maps.Equal(folders, want) {
		t.Errorf("run folders after --keep 2: %v, want %v", folders, want)
	}
	if strings.Contains(b.get("e2e/index.html"), wantIDs[0]) {
		t.Errorf("index.html still lists pruned run %s", wantIDs[0])
	}
}

func TestHistoryRepublishUploadsNothing(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)
	writeResults(t, dir, "run-a", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), results.Passed, results.Environment{})

	first := b.mustPublish(dir, "", Options{})
	again := b.mustPublish(dir, "", Options{})
	if again.RunID != first.RunID {
		t.Errorf("re-publish made run %s, want the same run %s", again.RunID, first.RunID)
	}
	// runs/<id>/ and latest/ with results.json, plus history.json's page
	// and its stylesheet.
	if want := 2*(len(files)+1) + 2; again.Uploaded != 0 || again.Unchanged != want {
		t.Errorf("re-publish: uploaded %d, unchanged %d; want 0, %d\n%s", again.Uploaded, again.Unchanged, want, again.stdout)
	}
	if !strings.Contains(again.stdout, "uploaded 0 (0 B)") {
		t.Errorf("summary does not say nothing was uploaded:\n%s", again.stdout)
	}
}

func TestHistoryNeverOverwritesAnotherRun(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	build := Build{ID: "kumite-e2e:0f6e5b6c-1111-2222-3333-444455556666", Number: "42"}

	dirA, filesA := report(t, map[string]string{"index.html": "run A"})
	a := b.mustPublish(dirA, "e2e", Options{Build: build})
	if a.RunID != "kumite-e2e-42" {
		t.Errorf("run id in CodeBuild = %q, want kumite-e2e-42", a.RunID)
	}
	// Another report that claims the same build (say a second project
	// publishing with its own numbering): a new folder, never the same one.
	dirB, _ := report(t, map[string]string{"index.html": "run B"})
	writeResults(t, dirB, "other", time.Now(), results.Passed, results.Environment{})
	bRun := b.mustPublish(dirB, "e2e", Options{Build: build})
	if bRun.RunID != "kumite-e2e-42-2" {
		t.Errorf("second run id = %q, want kumite-e2e-42-2", bRun.RunID)
	}
	if got := b.objects("e2e/runs/kumite-e2e-42/"); !maps.Equal(got, filesA) {
		t.Errorf("run A's folder changed: %q", got)
	}
}

func TestHistoryWithoutResultsJSON(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, _ := report(t, nil)
	newest := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, newest.Add(-time.Hour), newest.Add(-time.Hour))
		}
		return nil
	})
	os.Chtimes(filepath.Join(dir, "junit.xml"), newest, newest)
	r := b.mustPublish(dir, "p", Options{})
	if r.RunID != "20250102T030405Z" {
		t.Errorf("run id = %q, want the time of the newest file, 20250102T030405Z", r.RunID)
	}
	if h := b.history("p"); len(h.Runs) != 1 || h.Runs[0].Status != "unknown" {
		t.Errorf("history = %+v, want one run with status unknown", h.Runs)
	}
}

// TestConcurrentPublishers lines two publishers up so that both read
// history.json before either writes it: the conditional write must make
// the loser read again, and both runs must be in the history and the page.
func TestConcurrentPublishers(t *testing.T) {
	b := newBucket(t)
	var reads atomic.Int32
	bothRead := make(chan struct{})
	afterHistoryRead = func() {
		if reads.Add(1) == 2 {
			close(bothRead)
		}
		select {
		case <-bothRead:
		case <-time.After(10 * time.Second):
			t.Error("the other publisher never read history.json")
		}
	}
	t.Cleanup(func() { afterHistoryRead = func() {} })

	var wg sync.WaitGroup
	runs := make([]run, 2)
	for i := range runs {
		dir, _ := report(t, map[string]string{"index.html": "run " + string(rune('A'+i))})
		build := Build{ID: "proj:uuid-" + string(rune('a'+i)), Number: string(rune('1' + i))}
		wg.Go(func() { runs[i] = b.publish(dir, "e2e", Options{Build: build, Verbose: true}) })
	}
	wg.Wait()
	for _, r := range runs {
		t.Log(r.stdout)
		if r.err != nil {
			t.Fatalf("publish: %v\n%s%s", r.err, r.stdout, r.stderr)
		}
	}
	if reads.Load() < 3 {
		t.Errorf("history.json was read %d times; a conflict should have made one publisher read it again", reads.Load())
	}
	got := runIDs(b.history("e2e"))
	slices.Sort(got)
	if want := []string{"proj-1", "proj-2"}; !slices.Equal(got, want) {
		t.Errorf("history runs %q, want both %q", got, want)
	}
	page := b.get("e2e/index.html")
	for _, id := range []string{"proj-1", "proj-2"} {
		if !strings.Contains(page, "runs/"+id+"/index.html") {
			t.Errorf("index.html does not link run %s", id)
		}
	}
}
