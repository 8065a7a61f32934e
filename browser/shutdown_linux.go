package browser

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// process is a Chrome kumite launched: chromedp starts it in a process
// group of its own, so that every process it starts can be found and
// killed, also one whose parent died first (the headless shell's
// processes name neither kumite's switches nor the profile).
type process struct {
	mu  sync.Mutex
	cmd *exec.Cmd
}

// options make chromedp start Chrome in a group of its own, killed with
// its parent as chromedp's default does (Pdeathsig).
func (p *process) options() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{chromedp.ModifyCmdFunc(func(cmd *exec.Cmd) {
		if cmd.SysProcAttr == nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{}
		}
		cmd.SysProcAttr.Setpgid = true
		cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
		p.mu.Lock()
		p.cmd = cmd
		p.mu.Unlock()
	})}
}

// kill kills every process of Chrome's group and under its main process
// at once, and waits until they are gone. It must not run while chromedp
// may still be starting the process.
func (p *process) kill() {
	if p == nil {
		return
	}
	p.mu.Lock()
	cmd := p.cmd
	p.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	killGroup(cmd.Process.Pid)
}

// killGroup kills the process pid, the processes of its group (pgid pid)
// and every process under it, all at once, and waits until they are gone.
// The processes are read before anything is killed: a child whose parent
// died is adopted by init and leaves the tree, not the group.
func killGroup(pid int) {
	procs := members(pid)
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	for _, p := range procs {
		_ = syscall.Kill(p, syscall.SIGKILL)
	}
	deadline := time.Now().Add(2 * time.Second)
	for _, p := range procs {
		for alive(p) && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
	}
}

// members lists pid, the processes of its group and the processes under
// it, from /proc.
func members(pid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return []int{pid}
	}
	children := map[int][]int{}
	seen := map[int]bool{pid: true}
	out := []int{pid}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, ok := stat(p)
		if !ok {
			continue
		}
		children[st.ppid] = append(children[st.ppid], p)
		if st.pgrp == pid && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	var walk func(int)
	walk = func(p int) {
		for _, c := range children[p] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(pid)
	return out
}

// procStat is what kumite reads of /proc/PID/stat.
type procStat struct {
	state byte
	ppid  int
	pgrp  int
}

func stat(pid int) (procStat, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, false
	}
	// pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 3 || len(f[0]) != 1 {
		return procStat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return procStat{}, false
	}
	return procStat{state: f[0][0], ppid: ppid, pgrp: pgrp}, true
}

// alive tells whether pid still runs. A zombie has ended once its other
// threads have: a killed process's main thread can be a zombie while
// another one finishes a system call (a file it writes in the profile).
func alive(pid int) bool {
	st, ok := stat(pid)
	if !ok {
		return false
	}
	if st.state != 'Z' && st.state != 'X' {
		return true
	}
	tasks, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
	return err == nil && len(tasks) > 1
}
