package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func shardRun(start time.Time, workers int, features ...*Feature) *Run {
	r := &Run{Schema: SchemaVersion, ID: "x", Start: start, Env: Environment{Workers: workers, Shard: "1/2"}, Features: features}
	r.Finish(start.Add(10 * time.Second))
	return r
}

func scenario(line int, name string, st Status, worker int, shot string) *Scenario {
	step := &Step{Keyword: "Given", Text: "x", Line: line + 1, Status: st}
	if shot != "" {
		step.Attachments = []Attachment{{Name: "s", Path: shot, MediaType: "image/jpeg"}}
	}
	return &Scenario{Name: name, Line: line, Attempts: []*Attempt{{Number: 1, Worker: worker, Status: st, Steps: []*Step{step}}}}
}

func TestMerge(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	a := shardRun(t0.Add(time.Second), 2,
		&Feature{URI: "features/a.feature", Name: "A", Scenarios: []*Scenario{scenario(10, "a2", Passed, 1, "")}},
		&Feature{URI: "features/b.feature", Name: "B", Scenarios: []*Scenario{scenario(3, "b1", Failed, 2, "")}})
	b := shardRun(t0, 3,
		&Feature{URI: "features/a.feature", Name: "A", Scenarios: []*Scenario{scenario(4, "a1", Undefined, 1, "")}},
		&Feature{URI: "features/c.feature", Name: "C", Scenarios: []*Scenario{scenario(5, "c1", Passed, 1, "")}})
	m, err := Merge([]*Run{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts != (Counts{Total: 4, Passed: 2, Failed: 1, Undefined: 1}) || m.Status != Failed {
		t.Errorf("counts %+v status %s", m.Counts, m.Status)
	}
	if !m.Start.Equal(t0) || !m.End.Equal(t0.Add(11*time.Second)) || m.Duration != 11*time.Second {
		t.Errorf("start %v end %v duration %v, want the earliest start and the latest end", m.Start, m.End, m.Duration)
	}
	if m.Env.Workers != 5 || m.Env.Shard != "" || m.ID != "20261125T100000Z" {
		t.Errorf("env %+v id %q", m.Env, m.ID)
	}
	var uris []string
	for _, f := range m.Features {
		uris = append(uris, f.URI)
	}
	if strings.Join(uris, " ") != "features/a.feature features/b.feature features/c.feature" {
		t.Errorf("features %v, want each once in first-seen order", uris)
	}
	fa := m.Features[0]
	if len(fa.Scenarios) != 2 || fa.Scenarios[0].Name != "a1" || fa.Scenarios[1].Name != "a2" || fa.Scenarios[1].ID != "f1-s2" {
		t.Errorf("feature a: %+v, want a1 then a2 (file order) from both shards", fa.Scenarios)
	}
	if fa.Scenarios[0].Attempts[0].Shard != 2 || fa.Scenarios[1].Attempts[0].Shard != 1 {
		t.Errorf("attempts not marked with their shard")
	}

	if _, err := Merge([]*Run{a, a}); err == nil || !strings.Contains(err.Error(), "is in shard 1 and shard 2") {
		t.Errorf("merging a shard twice: %v", err)
	}
	if _, err := Merge(nil); err == nil {
		t.Errorf("merging nothing: no error")
	}
}

func TestMergeDirsCopiesScreenshots(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	src1, src2, out := t.TempDir(), t.TempDir(), t.TempDir()
	for i, dir := range []string{src1, src2} {
		name := []string{"a", "b"}[i]
		run := shardRun(t0, 1, &Feature{URI: name + ".feature", Scenarios: []*Scenario{
			scenario(3, name, Passed, 1, "screenshots/f1-s1-a1-01.jpg"), // the same name in both shards
			scenario(9, name+"-missing", Passed, 1, "screenshots/gone.jpg"),
			scenario(12, name+"-outside", Passed, 1, "../outside.jpg"),
		}})
		if err := Write(dir, run); err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, "screenshots"), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "screenshots", "f1-s1-a1-01.jpg"), []byte("shot "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, skipped, err := MergeDirs(out, "screenshots", []string{src1, src2})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range m.Features {
		p := f.Scenarios[0].Attempts[0].Steps[0].Attachments[0].Path
		want := "screenshots/shard-" + string(rune('1'+i)) + "/f1-s1-a1-01.jpg"
		if p != want {
			t.Errorf("path %q, want %q", p, want)
		}
		data, err := os.ReadFile(filepath.Join(out, p))
		if err != nil || string(data) != "shot "+[]string{"a", "b"}[i] {
			t.Errorf("%s: %q, %v", p, data, err)
		}
	}
	if len(skipped) != 4 {
		t.Errorf("skipped %v, want the missing and the outside screenshot of each shard", skipped)
	}
}
