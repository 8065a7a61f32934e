package results

import (
	"testing"
	"time"
)

func steps(statuses ...Status) []*Step {
	out := make([]*Step, len(statuses))
	for i, s := range statuses {
		out[i] = &Step{Text: "step", Status: s}
	}
	return out
}

func TestAttemptStatus(t *testing.T) {
	tests := []struct {
		name  string
		steps []*Step
		want  Status
	}{
		{"every step passed", steps(Passed, Passed, Passed), Passed},
		{"a failed step, the rest skipped", steps(Passed, Failed, Skipped), Failed},
		{"undefined step first decides", steps(Passed, Undefined, Failed), Undefined},
		{"ambiguous", steps(Ambiguous, Skipped), Ambiguous},
		{"pending", steps(Passed, Pending, Skipped), Pending},
		{"failed before undefined", steps(Failed, Undefined), Failed},
		{"all skipped (not run)", steps(Skipped, Skipped), Skipped},
		{"passed then skipped is passed", steps(Passed, Skipped), Passed},
		{"no steps", nil, Undefined},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AttemptStatus(tt.steps); got != tt.want {
				t.Errorf("AttemptStatus(%v) = %q, want %q", statusesOf(tt.steps), got, tt.want)
			}
		})
	}
}

func statusesOf(steps []*Step) []Status {
	out := make([]Status, len(steps))
	for i, s := range steps {
		out[i] = s.Status
	}
	return out
}

// attempts builds attempts with the given statuses, one second each.
func attempts(statuses ...Status) []*Attempt {
	out := make([]*Attempt, len(statuses))
	for i, s := range statuses {
		out[i] = &Attempt{Number: i + 1, Status: s, Duration: time.Second}
	}
	return out
}

func TestSettle(t *testing.T) {
	tests := []struct {
		name     string
		attempts []*Attempt
		want     Status
		duration time.Duration
	}{
		{"no attempt: not run", nil, Skipped, 0},
		{"passed first time", attempts(Passed), Passed, time.Second},
		{"failed", attempts(Failed), Failed, time.Second},
		{"failed then passed is flaky", attempts(Failed, Passed), Flaky, 2 * time.Second},
		{"failed twice then passed is flaky", attempts(Failed, Failed, Passed), Flaky, 3 * time.Second},
		{"passed then failed is failed", attempts(Passed, Failed), Failed, 2 * time.Second},
		{"failed on every retry", attempts(Failed, Failed), Failed, 2 * time.Second},
		{"undefined", attempts(Undefined), Undefined, time.Second},
		{"skipped (interrupted before it ran)", attempts(Skipped), Skipped, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Scenario{Name: tt.name, Attempts: tt.attempts, Duration: time.Hour}
			s.Settle()
			if s.Status != tt.want {
				t.Errorf("Status = %q, want %q", s.Status, tt.want)
			}
			if tt.attempts != nil && s.Duration != tt.duration {
				t.Errorf("Duration = %s, want %s (the sum of the attempts)", s.Duration, tt.duration)
			}
		})
	}
}

func TestSettleTwiceIsStable(t *testing.T) {
	s := &Scenario{Attempts: attempts(Failed, Passed)}
	s.Settle()
	s.Settle()
	if s.Status != Flaky || s.Duration != 2*time.Second {
		t.Errorf("after two Settle calls: %q %s, want flaky 2s", s.Status, s.Duration)
	}
}

func feature(name string, scenarios ...[]*Attempt) *Feature {
	f := &Feature{Name: name}
	for _, a := range scenarios {
		f.Scenarios = append(f.Scenarios, &Scenario{Name: name, Attempts: a})
	}
	return f
}

func TestFinish(t *testing.T) {
	start := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		features []*Feature
		errors   []string
		counts   Counts
		status   Status
		rollUp   []Status // the features' statuses
	}{
		{
			name:     "all passed",
			features: []*Feature{feature("a", attempts(Passed), attempts(Passed))},
			counts:   Counts{Total: 2, Passed: 2},
			status:   Passed,
			rollUp:   []Status{Passed},
		},
		{
			name:     "flaky counts as passing",
			features: []*Feature{feature("a", attempts(Failed, Passed), attempts(Passed))},
			counts:   Counts{Total: 2, Passed: 1, Flaky: 1},
			status:   Passed,
			rollUp:   []Status{Flaky},
		},
		{
			name: "one failure fails its feature and the run",
			features: []*Feature{
				feature("ok", attempts(Passed)),
				feature("bad", attempts(Passed), attempts(Failed), nil),
			},
			counts: Counts{Total: 4, Passed: 2, Failed: 1, Skipped: 1},
			status: Failed,
			rollUp: []Status{Passed, Failed},
		},
		{
			name:     "undefined fails the run",
			features: []*Feature{feature("a", attempts(Passed), attempts(Undefined))},
			counts:   Counts{Total: 2, Passed: 1, Undefined: 1},
			status:   Failed,
			rollUp:   []Status{Undefined},
		},
		{
			name:     "ambiguous and pending count as undefined",
			features: []*Feature{feature("a", attempts(Ambiguous), attempts(Pending))},
			counts:   Counts{Total: 2, Undefined: 2},
			status:   Failed,
			rollUp:   []Status{Ambiguous},
		},
		{
			name:     "a feature whose scenarios were all skipped is skipped",
			features: []*Feature{feature("ran", attempts(Passed)), feature("not run", nil, attempts(Skipped))},
			counts:   Counts{Total: 3, Passed: 1, Skipped: 2},
			status:   Passed,
			rollUp:   []Status{Passed, Skipped},
		},
		{
			name:     "passed and skipped scenarios: the feature passed",
			features: []*Feature{feature("a", attempts(Passed), nil)},
			counts:   Counts{Total: 2, Passed: 1, Skipped: 1},
			status:   Passed,
			rollUp:   []Status{Passed},
		},
		{
			name:     "failed beats undefined in the roll-up",
			features: []*Feature{feature("a", attempts(Undefined), attempts(Failed), attempts(Failed, Passed))},
			counts:   Counts{Total: 3, Failed: 1, Undefined: 1, Flaky: 1},
			status:   Failed,
			rollUp:   []Status{Failed},
		},
		{
			name:     "a run error fails a run whose scenarios passed",
			features: []*Feature{feature("a", attempts(Passed))},
			errors:   []string{"no browser"},
			counts:   Counts{Total: 1, Passed: 1},
			status:   Failed,
			rollUp:   []Status{Passed},
		},
		{
			name:   "no scenario at all passes",
			counts: Counts{},
			status: Passed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := &Run{Start: start, Features: tt.features, Errors: tt.errors, Counts: Counts{Total: 99}}
			run.Finish(start.Add(90 * time.Second))
			if run.Counts != tt.counts {
				t.Errorf("Counts = %+v, want %+v", run.Counts, tt.counts)
			}
			if run.Status != tt.status {
				t.Errorf("Status = %q, want %q", run.Status, tt.status)
			}
			for i, f := range run.Features {
				if f.Status != tt.rollUp[i] {
					t.Errorf("feature %q: Status = %q, want %q", f.Name, f.Status, tt.rollUp[i])
				}
			}
			if run.Schema != SchemaVersion || run.Duration != 90*time.Second || !run.End.Equal(start.Add(90*time.Second)) {
				t.Errorf("Schema, End, Duration = %d, %s, %s; want %d, start+90s, 90s", run.Schema, run.End, run.Duration, SchemaVersion)
			}
		})
	}
}

func TestFinishFeatureDuration(t *testing.T) {
	f := feature("a", attempts(Passed), attempts(Failed, Passed), nil)
	run := &Run{Features: []*Feature{f}}
	run.Finish(time.Now())
	if f.Duration != 3*time.Second {
		t.Errorf("feature Duration = %s, want 3s (1s + 2 attempts of 1s + nothing)", f.Duration)
	}
	if got := f.Scenarios[2].Status; got != Skipped {
		t.Errorf("scenario without attempts: Status = %q, want skipped", got)
	}
}
