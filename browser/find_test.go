package browser

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name     string
		explicit string
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
		{name: "an explicit browser is used as given",
			explicit: "/opt/chrome/chrome",
			onPath:   map[string]string{"/opt/chrome/chrome": "/opt/chrome/chrome", "chromium": "/usr/bin/chromium"},
			want:     "/opt/chrome/chrome"},
		{name: "a missing explicit browser names the flag",
			explicit: "/nope/chrome",
			wantErr:  "--browser /nope/chrome"},
		{name: "nothing on PATH says how to install",
			wantErr: "apt-get install chromium"},
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
			got, err := Find(tt.explicit)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrNoBrowser) {
					t.Fatalf("Find(%q) = %q, %v; want an ErrNoBrowser containing %q", tt.explicit, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Find(%q) = %q, %v; want %q", tt.explicit, got, err, tt.want)
			}
		})
	}
}
