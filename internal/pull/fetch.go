package pull

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// answer is one URL's body: fresh (200) or, after a 304, the body kept
// from the last good pull.
type answer struct {
	URL          string
	Body         []byte
	NotModified  bool
	ETag         string
	LastModified string
}

// validators are what a conditional request sends back to the server,
// with the body they stand for.
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	// Body is the cached body's file name in the source's cache folder.
	Body string `json:"body"`
}

// fetcher does HTTP GETs with a deadline per request, a cap on the body,
// and bounded retries with growing waits.
type fetcher struct {
	client    *http.Client
	timeout   time.Duration
	attempts  int
	maxBytes  int64
	userAgent string
	// backoff is the wait before the second attempt; each later wait is
	// twice the one before, at most maxBackoff.
	backoff    time.Duration
	maxBackoff time.Duration
}

// fetchError is a request that did not give a usable answer.
type fetchError struct {
	URL string
	Msg string
	// retry is true for faults that may pass: the connection, the
	// deadline, a 5xx, 408 or 429.
	retry      bool
	retryAfter time.Duration
}

func (e *fetchError) Error() string { return e.URL + ": " + e.Msg }

// get fetches url. With prev (and its cached body) it asks conditionally
// and a 304 gives back cached. It tries up to f.attempts times.
func (f *fetcher) get(ctx context.Context, url string, prev *validators, cached []byte) (answer, error) {
	var last *fetchError
	for attempt := 1; attempt <= f.attempts; attempt++ {
		if attempt > 1 {
			wait := f.backoff << (attempt - 2)
			if wait > f.maxBackoff || wait <= 0 {
				wait = f.maxBackoff
			}
			if last.retryAfter > wait && last.retryAfter <= f.maxBackoff {
				wait = last.retryAfter
			}
			select {
			case <-ctx.Done():
				return answer{}, &fetchError{URL: url, Msg: "stopped: " + ctx.Err().Error()}
			case <-time.After(wait):
			}
		}
		a, err := f.once(ctx, url, prev, cached)
		if err == nil {
			return a, nil
		}
		if !errors.As(err, &last) {
			return answer{}, err
		}
		if !last.retry || ctx.Err() != nil {
			break
		}
	}
	if f.attempts > 1 && last.retry {
		last.Msg += fmt.Sprintf(" (%d attempts)", f.attempts)
	}
	return answer{}, last
}

func (f *fetcher) once(ctx context.Context, url string, prev *validators, cached []byte) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return answer{}, &fetchError{URL: url, Msg: err.Error()}
	}
	req.Header.Set("User-Agent", f.userAgent)
	conditional := prev != nil && cached != nil
	if conditional {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return answer{}, &fetchError{URL: url, Msg: describeNetErr(ctx, err, f.timeout), retry: true}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		return answer{URL: url, Body: cached, NotModified: true, ETag: prev.ETag, LastModified: prev.LastModified}, nil
	case resp.StatusCode != http.StatusOK:
		e := &fetchError{URL: url, Msg: "answered " + resp.Status}
		switch code := resp.StatusCode; {
		case code >= 500, code == http.StatusTooManyRequests, code == http.StatusRequestTimeout:
			e.retry = true
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
				e.retryAfter = time.Duration(s) * time.Second
			}
		}
		return answer{}, e
	}
	if resp.ContentLength > f.maxBytes {
		return answer{}, &fetchError{URL: url, Msg: fmt.Sprintf("answer is %d bytes, more than the cap of %d", resp.ContentLength, f.maxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		// A body shorter than its Content-Length, a broken chunked
		// stream or the deadline: the answer is incomplete.
		return answer{}, &fetchError{URL: url, Msg: "the answer broke off: " + describeNetErr(ctx, err, f.timeout), retry: true}
	}
	if int64(len(body)) > f.maxBytes {
		return answer{}, &fetchError{URL: url, Msg: fmt.Sprintf("answer is more than the cap of %d bytes", f.maxBytes)}
	}
	if looksHTML(resp.Header.Get("Content-Type"), body) {
		return answer{}, &fetchError{URL: url, Msg: "answered an HTML page, not data (a login, error or moved page?)"}
	}
	return answer{URL: url, Body: body, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
}

func describeNetErr(ctx context.Context, err error, timeout time.Duration) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("no complete answer within the deadline of %v", timeout)
	}
	return err.Error()
}

// looksHTML tells an HTML page (what a proxy, a login wall or a moved
// site answers) from the data a source should give.
func looksHTML(contentType string, body []byte) bool {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), "text/html") {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	if len(head) > 512 {
		head = head[:512]
	}
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		(bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("<body")))
}
