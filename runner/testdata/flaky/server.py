# Answers every GET with a page titled "fine", except the second (the
# first is the readiness probe of --web-server), which is titled "broken".
import http.server, sys
n = 0
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        global n
        n += 1
        body = ("<title>%s</title><h1>ok</h1>" % ("broken" if n == 2 else "fine")).encode()
        self.send_response(200); self.send_header("Content-Type", "text/html"); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
