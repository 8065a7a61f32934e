package browser

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestOpenWithoutADocumentFailsAtOnce: opening a URL that gives no page
// (204 No Content, a download) fails at once with net::ERR_ABORTED, with
// the Network domain off (quiet): chromedp's navigation wait cannot count
// on Network.loadingFailed, so Chrome must say it in Page.navigate's
// answer. The tab then opens the next page as usual.
func TestOpenWithoutADocumentFailsAtOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/no-content":
			w.WriteHeader(http.StatusNoContent)
		case "/download":
			w.Header().Set("Content-Disposition", `attachment; filename="data.bin"`)
			w.Write([]byte("data"))
		default:
			w.Write([]byte("<!doctype html><title>Page</title><p>page</p>"))
		}
	}))
	defer srv.Close()
	s := testSession(t)
	for _, path := range []string{"/no-content", "/download"} {
		start := time.Now()
		err := s.Navigate(stepCtx(t, 10*time.Second), srv.URL+path)
		if err == nil || !strings.Contains(err.Error(), "net::ERR_ABORTED") {
			t.Errorf("open %s: %v, want net::ERR_ABORTED", path, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("open %s: failed after %v, want at once", path, d)
		}
		if err := s.Navigate(stepCtx(t, 10*time.Second), srv.URL+"/page"); err != nil {
			t.Errorf("open a page after %s: %v", path, err)
		}
	}
}
