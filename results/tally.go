package results

import "time"

// Final returns the attempt that decides a scenario's status: the last one.
func (s *Scenario) Final() *Attempt {
	if len(s.Attempts) == 0 {
		return nil
	}
	return s.Attempts[len(s.Attempts)-1]
}

// Settle derives a scenario's status and duration from its attempts: the
// last attempt's status, or flaky when an earlier attempt failed and the last
// one passed.
func (s *Scenario) Settle() {
	last := s.Final()
	if last == nil {
		s.Status = Skipped
		return
	}
	s.Status = last.Status
	s.Duration = 0
	for _, a := range s.Attempts {
		s.Duration += a.Duration
		if a.Status == Failed && last.Status == Passed {
			s.Status = Flaky
		}
	}
}

// AttemptStatus derives an attempt's status from its steps: the first step
// that did not pass decides (failed, undefined, ambiguous, pending); a run
// whose steps were all skipped is skipped.
func AttemptStatus(steps []*Step) Status {
	if len(steps) == 0 {
		return Undefined
	}
	allSkipped := true
	for _, st := range steps {
		switch st.Status {
		case Failed, Undefined, Ambiguous, Pending:
			return st.Status
		case Passed:
			allSkipped = false
		}
	}
	if allSkipped {
		return Skipped
	}
	return Passed
}

// Finish settles every scenario and feature, counts scenarios by status and
// sets the run's status: failed when any scenario failed or was undefined,
// ambiguous or pending; passed otherwise (flaky counts as passed).
func (r *Run) Finish(end time.Time) {
	r.Schema = SchemaVersion
	r.End = end
	r.Duration = end.Sub(r.Start)
	r.Counts = Counts{}
	for _, f := range r.Features {
		f.Duration = 0
		f.Status = Passed
		allSkipped := len(f.Scenarios) > 0
		for _, s := range f.Scenarios {
			s.Settle()
			f.Duration += s.Duration
			r.Counts.add(s.Status)
			if s.Status != Skipped {
				allSkipped = false
			}
			if worse(s.Status, f.Status) {
				f.Status = s.Status
			}
		}
		if allSkipped {
			f.Status = Skipped
		}
	}
	r.Status = Passed
	if r.Counts.Failed+r.Counts.Undefined > 0 || len(r.Errors) > 0 {
		r.Status = Failed
	}
}

func (c *Counts) add(s Status) {
	c.Total++
	switch s {
	case Passed:
		c.Passed++
	case Flaky:
		c.Flaky++
	case Skipped:
		c.Skipped++
	case Undefined, Ambiguous, Pending:
		c.Undefined++
	default:
		c.Failed++
	}
}

// severity orders statuses from best to worst for rolling up a feature.
var severity = map[Status]int{
	Skipped: 0, Passed: 1, Flaky: 2, Pending: 3, Undefined: 4, Ambiguous: 5, Failed: 6,
}

func worse(a, b Status) bool { return severity[a] > severity[b] }
