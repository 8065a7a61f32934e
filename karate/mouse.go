package karate

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/kumite/kumite/browser"
)

// mouse() is Karate's Mouse: mouse() starts at (0, 0), mouse(loc) at an
// element, mouse(x, y) at a point of the viewport (CSS pixels from its top
// left). Its calls chain: move(loc) or move(x, y), offset(dx, dy), down(),
// up(), click(), doubleClick(), duration(ms) (later moves take that long),
// pause(ms), and go() and submit(), which do nothing (kumite sends each
// action at once and waits for pages on its own).
//
// What acts on an element waits for it and checks that nothing covers it,
// as click(loc) does: click() and doubleClick() on the element last named,
// move(loc) with no button down. A point has no element to wait for or
// check, so actions at coordinates are sent as they are; so is move(loc)
// while the button is down (a drag), where the dragged thing often lies
// under the pointer.
func (s *Scenario) mouse(c goja.FunctionCall) goja.Value {
	m := &pointer{s: s}
	switch len(c.Arguments) {
	case 0:
	case 1:
		l := s.locate(c.Argument(0).String())
		m.target, m.name = l, fmt.Sprintf("mouse('%s')", c.Argument(0).String())
	default:
		m.name = fmt.Sprintf("mouse(%s, %s)", c.Argument(0), c.Argument(1))
		m.moveTo(c.Argument(0).ToFloat(), c.Argument(1).ToFloat(), m.name)
	}
	if m.name == "" {
		m.name = "mouse()"
	}
	return m.object()
}

// mouseOf is element.mouse(): the mouse on that element.
func (s *Scenario) mouseOf(l *browser.Locator, name string) goja.Value {
	m := &pointer{s: s, target: l, name: name + ".mouse()"}
	return m.object()
}

type pointer struct {
	s        *Scenario
	name     string           // how errors begin: mouse(), mouse('#x')
	target   *browser.Locator // the element last named, or nil at a point
	x, y     float64          // where the pointer is
	pressed  bool             // the button is down
	duration time.Duration    // how long a move takes
}

func (m *pointer) object() *goja.Object {
	s := m.s
	obj := s.rt.NewObject()
	self := func() *goja.Object { return obj }
	_ = obj.Set("move", func(args ...goja.Value) *goja.Object {
		if len(args) == 1 {
			m.moveToElement(args[0].String())
		} else if len(args) == 2 {
			m.target = nil
			m.moveTo(args[0].ToFloat(), args[1].ToFloat(), fmt.Sprintf("%s.move(%s, %s)", m.name, args[0], args[1]))
		} else {
			s.throw(fmt.Errorf("%s.move(): it takes a locator, or x and y", m.name))
		}
		return self()
	})
	_ = obj.Set("offset", func(dx, dy float64) *goja.Object {
		m.target = nil
		m.moveTo(m.x+dx, m.y+dy, fmt.Sprintf("%s.offset(%g, %g)", m.name, dx, dy))
		return self()
	})
	_ = obj.Set("down", func() *goja.Object { m.button(browser.MouseDown); return self() })
	_ = obj.Set("up", func() *goja.Object { m.button(browser.MouseUp); return self() })
	_ = obj.Set("click", func() *goja.Object { m.click(1); return self() })
	_ = obj.Set("doubleClick", func() *goja.Object { m.click(2); return self() })
	_ = obj.Set("duration", func(ms int64) *goja.Object { m.duration = time.Duration(ms) * time.Millisecond; return self() })
	_ = obj.Set("pause", func(ms int64) *goja.Object { s.delay(ms); return self() })
	_ = obj.Set("go", self)
	_ = obj.Set("submit", self)
	return obj
}

// moveToElement is move(loc): with no button down it hovers the element
// (waits, checks nothing covers it); during a drag it moves to its middle
// once it is visible.
func (m *pointer) moveToElement(loc string) {
	s := m.s
	what := fmt.Sprintf("%s.move('%s')", m.name, loc)
	l := s.locate(loc)
	if !m.pressed {
		s.check(wrap(what, l.Hover(s.ctx)))
		m.x, m.y = m.centre(l, what)
		m.target = l
		return
	}
	s.check(wrap(what, l.WaitFor(s.ctx, browser.Visible)))
	x, y := m.centre(l, what)
	m.moveTo(x, y, what)
	m.target = l
}

// centreJS gives the middle of an element in the top page's viewport: in
// a frame, getBoundingClientRect is in the frame's own viewport, so the
// place of each frame's content in the page around it is added.
const centreJS = `e => {
  const r = e.getBoundingClientRect();
  let x = r.left + r.width / 2, y = r.top + r.height / 2;
  for (let w = e.ownerDocument.defaultView; w.frameElement; w = w.parent) {
    const f = w.frameElement, b = f.getBoundingClientRect();
    x += b.left + f.clientLeft;
    y += b.top + f.clientTop;
  }
  return [x, y];
}`

// centre is the middle of l's element in the viewport, where the mouse
// events go.
func (m *pointer) centre(l *browser.Locator, what string) (float64, float64) {
	out, err := l.Evaluate(m.s.ctx, centreJS)
	m.s.check(wrap(what, err))
	var xy [2]float64
	if err := json.Unmarshal([]byte(out), &xy); err != nil {
		m.s.throw(fmt.Errorf("%s: read the element's box %s: %v", what, out, err))
	}
	return xy[0], xy[1]
}

// moveTo moves the pointer to (x, y): in steps over the duration when one
// is set, else in 5 steps during a drag (drag code often waits for the
// pointer to travel some pixels), else at once.
func (m *pointer) moveTo(x, y float64, what string) {
	s := m.s
	steps := 1
	if m.pressed {
		steps = 5
	}
	if m.duration > 0 {
		steps = max(int(m.duration/(16*time.Millisecond)), 1)
	}
	fromX, fromY := m.x, m.y
	for i := 1; i <= steps; i++ {
		f := float64(i) / float64(steps)
		s.check(wrap(what, s.env.Session.MouseAt(s.ctx, browser.MouseMove, fromX+(x-fromX)*f, fromY+(y-fromY)*f, 0, m.pressed)))
		if m.duration > 0 && i < steps {
			s.delay(int64(m.duration / time.Duration(steps) / time.Millisecond))
		}
	}
	m.x, m.y = x, y
}

// button presses (down) or releases (up) the left button where the
// pointer is; at an element not moved to yet, it first hovers it.
func (m *pointer) button(action string) {
	s := m.s
	what := fmt.Sprintf("%s.%s()", m.name, action)
	if m.target != nil && !m.pressed && action == browser.MouseDown {
		s.check(wrap(what, m.target.Hover(s.ctx)))
		m.x, m.y = m.centre(m.target, what)
	}
	s.check(wrap(what, s.env.Session.MouseAt(s.ctx, action, m.x, m.y, 1, false)))
	m.pressed = action == browser.MouseDown
}

// click clicks (times 1) or double-clicks (2): the element last named,
// with click(loc)'s waits and hit-target check, or the point.
func (m *pointer) click(times int) {
	s := m.s
	what := fmt.Sprintf("%s.click()", m.name)
	if times == 2 {
		what = fmt.Sprintf("%s.doubleClick()", m.name)
	}
	if m.target != nil && !m.pressed {
		if times == 2 {
			s.check(wrap(what, m.target.DoubleClick(s.ctx)))
		} else {
			s.check(wrap(what, m.target.Click(s.ctx)))
		}
		return
	}
	for n := 1; n <= times; n++ {
		s.check(wrap(what, s.env.Session.MouseAt(s.ctx, browser.MouseDown, m.x, m.y, n, false)))
		s.check(wrap(what, s.env.Session.MouseAt(s.ctx, browser.MouseUp, m.x, m.y, n, false)))
	}
	m.pressed = false
}
