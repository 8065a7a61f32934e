package karate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// compileRows compiles every cell of a table's rows after the first (the
// keys, or set's header): each is a JavaScript expression; an empty cell
// stays nil.
func (st *Step) compileRows() error {
	st.cells = make([][]*goja.Program, len(st.Rows))
	for r, row := range st.Rows {
		if r == 0 {
			continue
		}
		st.cells[r] = make([]*goja.Program, len(row))
		for c, cell := range row {
			cell = strings.TrimSpace(cell)
			if cell == "" {
				continue
			}
			if err := checkFunctions(cell); err != nil {
				return err
			}
			p, err := compileExpr(cell)
			if err != nil {
				return fmt.Errorf("%s: the cell %q (row %d): %w", st.Kind, cell, r+1, err)
			}
			st.cells[r][c] = p
		}
	}
	return nil
}

// cell evaluates one cell; keep says whether its value goes in: an empty
// cell or null does not, unless the cell is in parentheses ((null)), as
// in Karate.
func (s *Scenario) cell(st *Step, r, c int) (v goja.Value, keep bool, err error) {
	p := st.cells[r][c]
	if p == nil {
		return nil, false, nil
	}
	v, err = s.eval(p)
	if err != nil {
		return nil, false, fmt.Errorf("%s %s: the cell %q: %s", st.Kind, st.Name, strings.TrimSpace(st.Rows[r][c]), s.errText(err))
	}
	if goja.IsNull(v) || goja.IsUndefined(v) {
		return v, strings.HasPrefix(strings.TrimSpace(st.Rows[r][c]), "("), nil
	}
	return v, true, nil
}

// table runs `table NAME`: an array of objects, one per row after the
// first, whose cells are the values of the first row's keys.
func (s *Scenario) table(st *Step) error {
	keys := st.Rows[0]
	items := make([]any, 0, len(st.Rows)-1)
	for r := 1; r < len(st.Rows); r++ {
		obj := s.rt.NewObject()
		for c := range st.Rows[r] {
			if c >= len(keys) {
				break
			}
			v, keep, err := s.cell(st, r, c)
			if err != nil {
				return err
			}
			if keep {
				_ = obj.Set(strings.TrimSpace(keys[c]), v)
			}
		}
		items = append(items, obj)
	}
	return s.define(st.Name, s.rt.NewArray(items...))
}

// parseSetTable reads `set NAME[.path]` with a table whose first row is
// `| path | value |` (one value per row's path) or `| path | 0 | 1 |`
// (an array: one item per column).
func parseSetTable(target string, rows [][]string) (*Step, error) {
	name, path, err := parseTarget(target)
	if err != nil {
		return nil, fmt.Errorf("set %s: %w", target, err)
	}
	st := &Step{Kind: SetTable, Name: name, Path: path, Rows: rows}
	header := rows[0]
	if len(header) < 2 || strings.TrimSpace(header[0]) != "path" {
		return nil, fmt.Errorf("set %s with a table: its first row must be | path | value | or | path | 0 | 1 | ..., got %q", target, strings.Join(header, " | "))
	}
	for _, h := range header[1:] {
		h = strings.TrimSpace(h)
		if _, err := strconv.Atoi(h); err != nil && !(h == "value" && len(header) == 2) {
			return nil, fmt.Errorf("set %s with a table: the columns after path are either one named value or the array indexes 0, 1, ..., got %q", target, h)
		}
	}
	st.rowPaths = make([][]pathSeg, len(rows))
	for r := 1; r < len(rows); r++ {
		p := strings.TrimPrefix(strings.TrimSpace(rows[r][0]), "$")
		segs, err := parsePath(p)
		if err != nil || len(segs) == 0 {
			return nil, fmt.Errorf("set %s: the path %q (row %d): %v", target, rows[r][0], r+1, err)
		}
		st.rowPaths[r] = segs
	}
	st.Rows = make([][]string, len(rows))
	for r, row := range rows { // the path column is not an expression
		st.Rows[r] = append([]string{""}, row[1:]...)
	}
	if err := st.compileRows(); err != nil {
		return nil, err
	}
	st.Rows = rows
	return st, nil
}

// setTable runs `set NAME[.path]` with a table.
func (s *Scenario) setTable(st *Step) error {
	root := s.rt.Get(st.Name)
	var target goja.Value
	if root != nil && len(st.Path) > 0 {
		target = s.jsonPath(root, st.Path)
	} else if len(st.Path) == 0 {
		target = root
	}
	header := st.Rows[0]
	if strings.TrimSpace(header[1]) == "value" {
		if _, isObj := target.(*goja.Object); !isObj {
			target = s.rt.NewObject()
		}
		for r := 1; r < len(st.Rows); r++ {
			v, keep, err := s.cell(st, r, 1)
			if err != nil {
				return err
			}
			if !keep {
				continue
			}
			if _, err := s.setPath(target, st.rowPaths[r], v); err != nil {
				return fmt.Errorf("set %s: %s: %v", st.Name, st.Rows[r][0], err)
			}
		}
	} else {
		arr, ok := isArray(target)
		if !ok {
			arr = s.rt.NewArray()
		}
		for c := 1; c < len(header); c++ {
			i, _ := strconv.Atoi(strings.TrimSpace(header[c]))
			item := arr.Get(strconv.Itoa(i))
			if _, isObj := item.(*goja.Object); !isObj {
				item = s.rt.NewObject()
			}
			for r := 1; r < len(st.Rows); r++ {
				if c >= len(st.Rows[r]) {
					continue
				}
				v, keep, err := s.cell(st, r, c)
				if err != nil {
					return err
				}
				if keep {
					if _, err := s.setPath(item, st.rowPaths[r], v); err != nil {
						return fmt.Errorf("set %s: %s: %v", st.Name, st.Rows[r][0], err)
					}
				}
			}
			_ = arr.Set(strconv.Itoa(i), item)
		}
		target = arr
	}
	root, err := s.setPath(root, st.Path, target)
	if err != nil {
		return fmt.Errorf("set %s: %v", st.Name, err)
	}
	return s.define(st.Name, root)
}
