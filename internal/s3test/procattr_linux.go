package s3test

import "syscall"

// procAttr kills MinIO when the test binary dies, so a panic or a timeout
// never leaves a server behind.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
