package browser

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"net/http"

	site "github.com/kumite/kumite/demo/site"
)

// BenchmarkScreenshot compares the encodings of a 1920x1080 viewport
// screenshot of a demo page; it reports the file size too. make bench runs
// it; kumite's default (JPEG, quality 80) comes from these numbers.
func BenchmarkScreenshot(b *testing.B) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServerFS(site.FS))
	defer srv.Close()
	for _, format := range []string{"png", "jpeg", "webp"} {
		b.Run(format, func(b *testing.B) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			br, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 1920, Height: 1080, ScreenshotFormat: format})
			if err != nil {
				b.Fatal(err)
			}
			defer br.Close()
			s, err := br.NewSession(ctx)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := s.Navigate(ctx, srv.URL+"/table.html"); err != nil {
				b.Fatal(err)
			}
			var size int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				data, err := s.Screenshot(ctx, false)
				if err != nil {
					b.Fatal(err)
				}
				size = len(data)
			}
			b.ReportMetric(float64(size)/1024, "KiB/shot")
		})
	}
}
