package webapp

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"index.html": "<title>home</title>", "sub/index.html": "sub", "a.txt": "A"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base, stop, err := serve(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/") {
		t.Errorf("base URL %q, want http://127.0.0.1:PORT/", base)
	}
	client := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	for p, want := range map[string]string{"": "<title>home</title>", "index.html": "<title>home</title>", "sub/": "sub", "sub/index.html": "sub", "a.txt": "A"} {
		resp, err := client.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(body) != want {
			t.Errorf("GET /%s = %d %q, want 200 %q", p, resp.StatusCode, body, want)
		}
	}
	stop()
	if _, err := client.Get(base); err == nil {
		t.Error("the server still answers after stop")
	}
}
