package browser

import (
	"context"
	"encoding/json"
)

// chainPrefix starts a chained locator (kumite.js "chain"): the prefix and
// a JSON list of steps, each from the element the step before found. It
// is resolved again on every call, as any locator is, so waits and
// actions on it follow the page.
const chainPrefix = "kumite-chain:"

type chainStep struct {
	Op  string `json:"op"`
	Loc string `json:"loc,omitempty"`
	Nth int    `json:"nth"`
}

// then is a locator for what step finds from l's element; name is how
// messages show it.
func (l *Locator) then(name string, step chainStep) *Locator {
	b, _ := json.Marshal([]chainStep{{Op: "locate", Loc: l.sel, Nth: l.nth}, step})
	return &Locator{s: l.s, frames: l.frames, sel: chainPrefix + string(b), nth: -1, name: name}
}

// Within is the elements loc finds inside l's element (Karate's
// element.locate(loc)); name is how messages show it.
func (l *Locator) Within(loc, name string) *Locator {
	return l.then(name, chainStep{Op: "within", Loc: loc})
}

// Closest is l's element itself or its nearest ancestor that matches the
// CSS selector css (the DOM's closest).
func (l *Locator) Closest(css, name string) *Locator {
	return l.then(name, chainStep{Op: "closest", Loc: css})
}

// Walk is the element related to l's element by rel: "parent",
// "children", "firstChild", "lastChild", "previousSibling" or
// "nextSibling" (elements, not text nodes).
func (l *Locator) Walk(rel, name string) *Locator {
	return l.then(name, chainStep{Op: "walk", Loc: rel})
}

// The directions of Beside.
const (
	RightOf = "rightOf"
	LeftOf  = "leftOf"
	Above   = "above"
	Below   = "below"
	Near    = "near"
)

// Beside is Karate's friendly locator: the first element that find
// matches (a tag name, "input" when empty; a text locator such as "{}Go";
// or CSS) on the way from the middle of l's element in direction dir:
// kumite.js moves a point 10 px at a time, up to 2000 px (RightOf, LeftOf,
// Above, Below), or along a spiral out to about 86 px (Near), and looks at
// the element under it, as Karate does.
func (l *Locator) Beside(dir, find, name string) *Locator {
	return l.then(name, chainStep{Op: dir, Loc: find})
}

// All is a handle on each element l matches now, in document order
// (Karate's locateAll). Each handle keeps its index: it acts on the i-th
// match, visible or not, whenever it is used.
func (l *Locator) All(ctx context.Context) ([]*Locator, error) {
	n, err := l.Count(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*Locator, n)
	for i := range out {
		c := *l
		c.nth = i
		out[i] = &c
	}
	return out, nil
}
