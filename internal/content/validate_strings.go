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
	"postalCode": ClassPostalCode, "street": ClassLine, "city": ClassLine,
}

// lineTexts are the translated texts of one line (titles and names); every
// other translated text may hold several lines (ClassBody).
var lineTexts = map[string]bool{
	"title": true, "name": true, "organisation": true, "county": true, "owner": true,
	"partners": true, "contactRole": true, "organiser": true,
}

var (
	textType = reflect.TypeOf(Text(nil))
	timeType = reflect.TypeOf(time.Time{})
)

// stringsOf checks every string of an item against the text policy: it
// walks the item's fields as they are written in JSON, so no field, and
// no field added later, goes unchecked.
func (c checker) stringsOf(item any) {
	c.walk(reflect.ValueOf(item), "", ClassLine)
}

func (c checker) walk(v reflect.Value, path string, class Class) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			c.walk(v.Elem(), path, class)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for _, f := range jsonFields(v.Type()) {
			c.walk(v.Field(f.index), join(path, f.name), f.classOf(v.Field(f.index).Type()))
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			c.walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), class)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			p := join(path, k.String())
			if v.Type() != textType && k.Kind() == reflect.String {
				c.policy(p, ClassToken, k.String())
			}
			c.walk(v.MapIndex(k), p, class)
		}
	case reflect.String:
		c.policy(path, class, v.String())
	}
}

func (c checker) policy(path string, class Class, s string) {
	if v, bad := CheckString(class, s); bad {
		c.add(path, "%s", v)
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
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
func Warnings(item any) Problems {
	var out Problems
	kind, id, _ := Describe(item)
	c := checker{kind, id, &out}
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
				c.add(field+"."+string(l), "holds HTML (%s); the kiosk shows Markdown only and would show this text empty or broken", tag)
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
