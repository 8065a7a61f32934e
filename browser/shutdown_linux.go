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
// at once, and waits until none of them can run any more. It reports
// whether it did: false when no process was started. It must not run
// while chromedp may still be starting the process.
func (p *process) kill() bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	cmd := p.cmd
	p.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return false
	}
	killGroup(cmd.Process.Pid)
	return true
}

// killGroup kills the process pid, the processes of its group (pgid pid)
// and every process under it, all at once, and waits until none of them
// can run any more. The processes are read before anything is killed: a
// child whose parent died is adopted by init and leaves the tree, not the
// group.
//
// It does not wait until they are gone: once every thread of a killed
// process is exiting, it never returns to user space, so it writes no
// more in the profile; what is left is the kernel freeing its memory,
// which for Chrome's processes takes longer than the rest of the
// shutdown (one-scenario run: 6-11 ms until all were exiting, 17-32 ms
// until all were gone).
func killGroup(pid int) {
	procs := members(pid)
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	for _, p := range procs {
		_ = syscall.Kill(p, syscall.SIGKILL)
	}
	deadline := time.Now().Add(2 * time.Second)
	for _, p := range procs {
		for !stopped(p) && time.Now().Before(deadline) {
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
	flags uint64
}

// pfExiting is the kernel's flag of a thread that is exiting (PF_EXITING
// in include/linux/sched.h, field 9 of /proc/PID/stat).
const pfExiting = 0x4

func stat(pid int) (procStat, bool) {
	return readStat("/proc/" + strconv.Itoa(pid) + "/stat")
}

// readStat reads a process's or a thread's stat file.
func readStat(path string) (procStat, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return procStat{}, false
	}
	// pid (comm) state ppid pgrp session tty_nr tpgid flags …; comm may
	// hold spaces and parentheses.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 7 || len(f[0]) != 1 {
		return procStat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	flags, err3 := strconv.ParseUint(f[6], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return procStat{}, false
	}
	return procStat{state: f[0][0], ppid: ppid, pgrp: pgrp, flags: flags}, true
}

// stopped tells whether pid can run no more: it is gone, or each of its
// threads is a zombie or exiting. A killed process's main thread can be a
// zombie while another one finishes a system call (a file it writes in
// the profile), so every thread is looked at.
func stopped(pid int) bool {
	dir := "/proc/" + strconv.Itoa(pid) + "/task/"
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	for _, t := range tasks {
		st, ok := readStat(dir + t.Name() + "/stat")
		if ok && st.state != 'Z' && st.state != 'X' && st.flags&pfExiting == 0 {
			return false
		}
	}
	return true
}
