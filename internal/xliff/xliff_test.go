package xliff

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// Text and codes that XML must escape come back as they went out.
func TestWriteRead(t *testing.T) {
	source := "Ring **112** & fråga <inte> \"så\"\n\n- [1177](https://www.1177.se/?a=1&b=2)\\\nrad"
	target := "اتصل **بالرقم 112** & اسأل\n\n- [1177](https://www.1177.se/?a=1&b=2)\\\nسطر"
	doc := &Document{SourceLang: "sv", TargetLang: "ar", Files: []File{{Original: "articles/a.json", Units: []Unit{
		{ID: "articles/a/body", Note: "articles a, body", Source: Segment(source), Target: Segment(target), State: "translated"},
		{ID: "articles/a/title", Source: Segment("Rubrik")},
	}}}}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, doc) {
		t.Errorf("read back %+v\nwrote %+v", got, doc)
	}
	if text, err := Translate(got.Files[0].Units[0]); err != nil || text != target {
		t.Errorf("Translate = %q, %v", text, err)
	}
}

func TestReadRefuses(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<html></html>`, "not an XLIFF file"},
		{`<xliff version="1.2"><file source-language="sv" target-language="uk"><body><trans-unit id="a"><source>x</source><target><bpt id="1">**</bpt>y</target></trans-unit></body></file></xliff>`, "unit a: <bpt> in the target"},
		{`<xliff version="1.2"><file source-language="sv" target-language="uk"><body></body></file><file source-language="sv" target-language="ar"></file></xliff>`, "one file holds one language pair"},
		{`<xliff version="1.2"><file source-language="sv" target-language="uk"><body><trans-unit id="a"><source>x</source><target><ph id="x">**</ph></target></trans-unit></body></file></xliff>`, `unit a: <ph id="x">`},
		{`<xliff version="1.2"><file source-language="sv" target-language="uk"><body><trans-unit id="a"><source xml:lang="en">x</source></trans-unit></body></file></xliff>`, `unit a: the source is in "en"`},
	} {
		_, err := Read(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.in, err, tc.want)
		}
	}
}
