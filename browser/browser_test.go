package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	sharedOnce sync.Once
	shared     *Browser
	sharedErr  error
)

// testBrowser is one real Chromium for the package's tests.
func testBrowser(t *testing.T) *Browser {
	t.Helper()
	sharedOnce.Do(func() {
		path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
		if err != nil {
			sharedErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		shared, sharedErr = Launch(ctx, Options{ExecPath: path, Headless: true, Width: 1280, Height: 800})
	})
	if sharedErr != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", sharedErr)
	}
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir("testdata")))
	t.Cleanup(srv.Close)
	return srv
}

func testSession(t *testing.T) *Session {
	t.Helper()
	b := testBrowser(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := b.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func stepCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestSmoke(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	title, err := s.Title(ctx)
	if err != nil || title != "Test page" {
		t.Fatalf("title %q %v", title, err)
	}
	late, _ := s.Locate("#late")
	if err := late.Click(ctx); err != nil {
		t.Fatal(err)
	}
	out, _ := s.Locate("#out")
	p, err := out.Inspect(ctx, "text")
	if err != nil || p.Text != "clicked" {
		t.Fatalf("out %+v %v", p, err)
	}
	q, _ := s.Locate("input[name=q]")
	if err := q.Type(ctx, "abc"); err != nil {
		t.Fatal(err)
	}
	if err := q.Press(ctx, "Enter"); err != nil {
		t.Fatal(err)
	}
	p, _ = out.Inspect(ctx, "text")
	if p.Text != "enter:abc" {
		t.Fatalf("after Enter: %q", p.Text)
	}
	link, _ := s.Locate("{a}Go to file")
	if n, err := link.Count(ctx); n != 1 || err != nil {
		t.Fatalf("text locator count %d %v", n, err)
	}
	item2, _ := s.Locate("{li:2}Item")
	if n, _ := item2.Count(ctx); n != 1 {
		t.Fatalf("{li:2}Item count %d", n)
	}
	if err := s.SwitchToFrame(ctx, "#fr"); err != nil {
		t.Fatal(err)
	}
	ib, _ := s.Locate("#ib")
	if err := ib.Click(ctx); err != nil {
		t.Fatal(err)
	}
	p, _ = ib.Inspect(ctx, "text")
	if p.Text != "done" {
		t.Fatalf("iframe button text %q", p.Text)
	}
	s.SwitchToMainFrame()
	dis, _ := s.Locate("#dis")
	short := stepCtx(t, 300*time.Millisecond)
	err = dis.Fill(short, "nope")
	if err == nil || !strings.Contains(err.Error(), "disabled") {
		t.Fatalf("fill disabled: %v", err)
	}
	t.Log(err)
}

func TestResetIsolates(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `document.cookie="c=1; path=/"; localStorage.setItem("l","1"); sessionStorage.setItem("s","1"); 1`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("reset took %v", time.Since(start))
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Evaluate(ctx, `JSON.stringify([document.cookie, localStorage.getItem("l"), sessionStorage.getItem("s")])`)
	if err != nil {
		t.Fatal(err)
	}
	if got != `"[\"\",null,null]"` {
		t.Fatalf("state survived reset: %s", got)
	}
}

// TestResetClearsEveryStore writes in every store a page can keep data in
// beyond cookies and web storage (IndexedDB, a storage bucket's IndexedDB,
// the Cache API, the origin private file system, a service worker) and
// requires the reset to leave none of it to the next scenario.
func TestResetClearsEveryStore(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	const write = `(async () => {
		const put = idb => new Promise((ok, fail) => {
			const r = idb.open("kumite", 1);
			r.onupgradeneeded = () => r.result.createObjectStore("s");
			r.onerror = () => fail(r.error);
			r.onsuccess = () => {
				const tx = r.result.transaction("s", "readwrite");
				tx.objectStore("s").put("1", "k");
				tx.oncomplete = () => { r.result.close(); ok(); };
				tx.onerror = () => fail(tx.error);
			};
		});
		await put(indexedDB);
		const bucket = await navigator.storageBuckets.open("kumite-bucket");
		await put(bucket.indexedDB);
		await (await caches.open("kumite")).put("/cached", new Response("1"));
		await (await navigator.storage.getDirectory()).getFileHandle("kumite.txt", {create: true});
		await navigator.serviceWorker.register("/sw.js");
		return "written";
	})()`
	if got, err := s.Evaluate(ctx, write); err != nil || got != `"written"` {
		t.Fatalf("write the stores: %s %v", got, err)
	}
	const read = `(async () => {
		const names = [];
		for await (const name of (await navigator.storage.getDirectory()).keys()) names.push(name);
		return JSON.stringify({
			indexedDB: (await indexedDB.databases()).map(d => d.name),
			buckets: await navigator.storageBuckets.keys(),
			caches: await caches.keys(),
			files: names,
			serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
		});
	})()`
	const empty = `"{\"indexedDB\":[],\"buckets\":[],\"caches\":[],\"files\":[],\"serviceWorkers\":0}"`
	if got, err := s.Evaluate(ctx, read); err != nil || got == empty {
		t.Fatalf("the stores read empty before the reset (the test would prove nothing): %s %v", got, err)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Evaluate(ctx, read)
	if err != nil {
		t.Fatal(err)
	}
	if got != empty {
		t.Fatalf("stores survived the reset: %s", got)
	}
}

func TestLocateAll(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	list, err := s.Locate("ul li")
	if err != nil {
		t.Fatal(err)
	}
	items, err := list.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, it := range items {
		p, err := it.Inspect(ctx, "text")
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, p.Text)
	}
	if got := strings.Join(texts, ","); got != "One,Item,Item" {
		t.Fatalf("texts %q", got)
	}
	if !strings.Contains(items[2].String(), "match 3") {
		t.Errorf("String() %q does not name the match", items[2])
	}
}
