package editor

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// copyDir copies a content folder into a fresh temporary one, so every
// test edits its own files.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return to
}

// start serves an editor on 127.0.0.1 and returns a browser-like client
// (it keeps cookies and does not follow redirects, so tests see them).
func start(t *testing.T, opt Options) (*httptest.Server, *client) {
	t.Helper()
	srv, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return ts, &client{t: t, base: ts.URL, hc: hc}
}

type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

type response struct {
	status   int
	body     string
	location string
}

func (c *client) get(path string) response {
	c.t.Helper()
	resp, err := c.hc.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	return read(c.t, resp)
}

func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	resp, err := c.hc.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatal(err)
	}
	return read(c.t, resp)
}

func read(t *testing.T, resp *http.Response) response {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, string(body), resp.Header.Get("Location")}
}

// form is an HTML form's action and the values a browser would submit
// unchanged.
type form struct {
	action string
	values url.Values
}

// formOf finds the form with the given id (or the first with a csrf
// field) in a page and collects its values as a browser submits them.
func formOf(t *testing.T, page, id string) form {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "form" && attr(n, "id") == id {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil {
		t.Fatalf("no form #%s in the page:\n%s", id, page)
	}
	f := form{action: attr(found, "action"), values: url.Values{}}
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		if n.Type == html.ElementNode {
			name := attr(n, "name")
			switch n.Data {
			case "input":
				typ := attr(n, "type")
				if typ == "checkbox" {
					if hasAttr(n, "checked") {
						f.values.Add(name, attr(n, "value"))
					}
				} else if name != "" {
					f.values.Add(name, attr(n, "value"))
				}
			case "textarea":
				text := ""
				if n.FirstChild != nil {
					text = n.FirstChild.Data
				}
				f.values.Add(name, text)
				return
			case "select":
				var first string
				any := false
				for o := n.FirstChild; o != nil; o = o.NextSibling {
					if o.Type != html.ElementNode || o.Data != "option" {
						continue
					}
					if first == "" && !any {
						first = attr(o, "value")
					}
					if hasAttr(o, "selected") {
						f.values.Add(name, attr(o, "value"))
						any = true
					}
				}
				if !any && !hasAttr(n, "multiple") {
					f.values.Add(name, first)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(found)
	return f
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
