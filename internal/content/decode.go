package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ItemTooLargeError is an item of a shard over MaxItemBytes.
type ItemTooLargeError struct {
	Index int // from 1, in shard order
	Bytes int
}

func (e *ItemTooLargeError) Error() string {
	return fmt.Sprintf("item %d is %d bytes; an item may be at most %d", e.Index, e.Bytes, MaxItemBytes)
}

// decodeItems decodes a JSON array of items one item at a time, so an
// item over MaxItemBytes is refused before it is decoded into structs
// (and before its text ever reaches a screen), and a null or a value that
// is not an item is named by its place in the array.
func decodeItems(t kindType, data []byte) ([]Item, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, errors.New("is not a JSON array of items")
	}
	var out []Item
	for i := 1; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		if len(raw) > MaxItemBytes {
			return nil, &ItemTooLargeError{Index: i, Bytes: len(raw)}
		}
		if bytes.Equal(raw, []byte("null")) {
			return nil, fmt.Errorf("item %d is null, not an item", i)
		}
		if raw[0] != '{' {
			return nil, fmt.Errorf("item %d is not a JSON object", i)
		}
		item := t.newItem()
		if err := json.Unmarshal(raw, item); err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		out = append(out, item)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim(']') {
		return nil, errors.New("the array of items is not closed")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("has data after the array of items")
	}
	return out, nil
}
