package browser

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	const shell = "/usr/lib/chromium/chromium-headless-shell"
	tests := []struct {
		name     string
		explicit string
		headless bool
		onPath   map[string]string // name or path -> what LookPath answers
		want     string
		wantErr  string
	}{
		{name: "chromium first",
			onPath: map[string]string{"chromium": "/usr/bin/chromium", "google-chrome": "/opt/google/chrome/google-chrome"},
			want:   "/usr/bin/chromium"},
		{name: "later names are tried",
			onPath: map[string]string{"google-chrome": "/opt/google/chrome/google-chrome"},
			want:   "/opt/google/chrome/google-chrome"},
		{name: "headless prefers Debian's headless shell binary over its wrapper and chromium",
			headless: true,
			onPath: map[string]string{shell: shell, "chromium-headless-shell": "/usr/bin/chromium-headless-shell",
				"chromium": "/usr/bin/chromium"},
			want: shell},
		{name: "headless takes a headless shell found on PATH",
			headless: true,
			onPath:   map[string]string{"chromium-headless-shell": "/opt/pw/chromium-headless-shell", "chromium": "/usr/bin/chromium"},
			want:     "/opt/pw/chromium-headless-shell"},
		{name: "headless without a headless shell takes chromium",
			headless: true,
			onPath:   map[string]string{"chromium": "/usr/bin/chromium"},
			want:     "/usr/bin/chromium"},
		{name: "a visible window takes the full browser even when the shell is there",
			onPath: map[string]string{shell: shell, "chromium": "/usr/bin/chromium"},
			want:   "/usr/bin/chromium"},
		{name: "an explicit browser is used as given",
			explicit: "/opt/chrome/chrome", headless: true,
			onPath: map[string]string{"/opt/chrome/chrome": "/opt/chrome/chrome", shell: shell, "chromium": "/usr/bin/chromium"},
			want:   "/opt/chrome/chrome"},
		{name: "a missing explicit browser names the flag",
			explicit: "/nope/chrome", headless: true,
			onPath:  map[string]string{shell: shell},
			wantErr: "--browser /nope/chrome"},
		{name: "nothing on PATH says how to install",
			headless: true,
			wantErr:  "apt-get install chromium chromium-headless-shell"},
		{name: "nothing found names what was looked for",
			wantErr: "looked for chromium, chromium-browser"},
	}
	defer func(old func(string) (string, error)) { lookPath = old }(lookPath)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookPath = func(name string) (string, error) {
				if p, ok := tt.onPath[name]; ok {
					return p, nil
				}
				return "", exec.ErrNotFound
			}
			got, err := Find(tt.explicit, tt.headless)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrNoBrowser) {
					t.Fatalf("Find(%q, %v) = %q, %v; want an ErrNoBrowser containing %q", tt.explicit, tt.headless, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Find(%q, %v) = %q, %v; want %q", tt.explicit, tt.headless, got, err, tt.want)
			}
		})
	}
}

func TestIsHeadlessShell(t *testing.T) {
	for path, want := range map[string]bool{
		"/usr/lib/chromium/chromium-headless-shell":                           true,
		"/usr/bin/chromium-headless-shell":                                    true,
		"/opt/cft/chrome-headless-shell-linux64/chrome-headless-shell":        true,
		"/root/.cache/ms-playwright/chromium_headless_shell-1/headless_shell": true,
		"/usr/bin/chromium":                false,
		"/opt/google/chrome/google-chrome": false,
		"/opt/cft/chrome-linux64/chrome":   false,
		"/opt/headless-shell/chrome":       false, // the name, not the folder
	} {
		if got := IsHeadlessShell(path); got != want {
			t.Errorf("IsHeadlessShell(%q) = %v, want %v", path, got, want)
		}
	}
}
