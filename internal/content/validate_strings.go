package content

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// fieldClasses gives the class of a plain string field by its name in the
// source format. A string field not named here is plain text (ClassLine),
// so a field added to the model later is checked too.
var fieldClasses = map[string]Class{
	"id": ClassToken, "topic": ClassToken, "municipality": ClassToken, "municipalities": ClassToken,
	"project": ClassToken, "categories": ClassToken, "languages": ClassToken, "icon": ClassToken,
	"timeZone": ClassToken, "rrule": ClassToken, "date": ClassToken, "updated": ClassToken,
	"start": ClassToken, "end": ClassToken, "opens": ClassToken, "closes": ClassToken, "attendance": ClassToken,
	"phone": ClassPhone, "email": ClassEmail, "website": ClassURL, "onlineUrl": ClassURL, "sources": ClassURL,
	"postalCode": ClassPostalCode, "file": ClassToken, "street": ClassLine, "city": ClassLine,
}

// lineTexts are the translated texts of one line (titles and names); every
// other translated text may hold several lines (ClassBody).
var lineTexts = map[string]bool{
	"title": true, "name": true, "organisation": true, "county": true, "owner": true,
	"partners": true, "contactRole": true, "organiser": true, "alt": true, "credit": true,
}

var (
	textType = reflect.TypeOf(Text(nil))
	timeType = reflect.TypeOf(time.Time{})
)

// stringsOf checks every string of an item against the text policy: it
// walks the item's fields as they are written in JSON, so no field, and
// no field added later, goes unchecked. The field path is built only for
// a problem.
func (c checker) stringsOf(item Item) {
	w := walker{c: c}
	w.walk(reflect.ValueOf(item), ClassLine)
}

type walker struct {
	c    checker
	path []pathStep
}

// pathStep is one step of a field path: a name, or an index into a list.
type pathStep struct {
	name  string
	index int // -1 for a name
}

func (w *walker) push(name string, index int) { w.path = append(w.path, pathStep{name, index}) }
func (w *walker) pop()                        { w.path = w.path[:len(w.path)-1] }

func (w *walker) pathString() string {
	var b strings.Builder
	for _, st := range w.path {
		switch {
		case st.index >= 0:
			fmt.Fprintf(&b, "[%d]", st.index)
		case b.Len() > 0:
			b.WriteString("." + st.name)
		default:
			b.WriteString(st.name)
		}
	}
	return b.String()
}

func (w *walker) walk(v reflect.Value, class Class) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), class)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for _, f := range jsonFields(v.Type()) {
			field := v.Field(f.index)
			w.push(f.name, -1)
			w.walk(field, f.classOf(field.Type()))
			w.pop()
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			w.push("", i)
			w.walk(v.Index(i), class)
			w.pop()
		}
	case reflect.Map:
		w.walkMap(v, class)
	case reflect.String:
		w.check(class, v.String())
	}
}

// walkMap walks a map in key order; keys other than a Text's languages
// (checked by checker.text) are codes.
func (w *walker) walkMap(v reflect.Value, class Class) {
	keys := v.MapKeys()
	if len(keys) > 1 {
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	}
	for _, k := range keys {
		w.push(k.String(), -1)
		if v.Type() != textType && k.Kind() == reflect.String {
			w.check(ClassToken, k.String())
		}
		w.walk(v.MapIndex(k), class)
		w.pop()
	}
}

func (w *walker) check(class Class, s string) {
	if v, bad := CheckString(class, s); bad {
		*w.c.out = append(*w.c.out, v.problem(w.c.kind, w.c.id, w.pathString()))
	}
}

type jsonField struct {
	index int
	name  string
}

// classOf is the class of a field's strings: translated texts by lineTexts,
// plain strings by fieldClasses.
func (f jsonField) classOf(t reflect.Type) Class {
	if t == textType || (t.Kind() == reflect.Slice && t.Elem() == textType) {
		if lineTexts[f.name] {
			return ClassLine
		}
		return ClassBody
	}
	if c, ok := fieldClasses[f.name]; ok {
		return c
	}
	return ClassLine
}

var fieldCache sync.Map // reflect.Type → []jsonField

// jsonFields lists a struct's exported fields by their JSON names.
func jsonFields(t reflect.Type) []jsonField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]jsonField)
	}
	var fs []jsonField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, jsonField{i, name})
	}
	fieldCache.Store(t, fs)
	return fs
}

// rawHTML finds HTML tags in Markdown: the kiosk shows Markdown only, so
// an HTML block becomes an empty article there.
var rawHTML = regexp.MustCompile(`(?i)<(/?(p|div|span|br|hr|b|i|u|strong|em|a|ul|ol|li|h[1-6]|table|thead|tbody|tr|td|th|img|script|style|iframe|font|center|blockquote|pre|code|section|article)\b[^<>]*|!--)>?`)

// Warnings are things in an item that are allowed but probably wrong:
// for now, HTML in a Markdown text. The publisher's validate and build
// show them; the kiosk ignores them.
func Warnings(item Item) Problems {
	var out Problems
	c := checker{item.Kind(), item.ItemID(), &out}
	texts := map[string]Text{}
	switch it := item.(type) {
	case *Article:
		texts["body"], texts["summary"] = it.Body, it.Summary
	case *Project:
		texts["offers"], texts["summary"] = it.Offers, it.Summary
	case *Service:
		texts["description"] = it.Description
	case *Event:
		texts["description"] = it.Description
	}
	for _, field := range sortedKeys(texts) {
		for _, l := range Languages {
			if tag := rawHTML.FindString(texts[field][l]); tag != "" {
				c.add(field+"."+string(l), CodeHTML, tag)
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
