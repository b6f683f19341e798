package textview

import (
	"reflect"
	"testing"
)

func TestBlocks(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []Block
	}{
		{"heading and paragraph", "## Rubrik\n\nText här.", []Block{{Text: "Rubrik", Heading: 2}, {Text: "Text här."}}},
		{"soft break is a space", "en\nrad", []Block{{Text: "en rad"}}},
		{"hard break stays", "Storgatan 1\\\n702 10 Örebro", []Block{{Text: "Storgatan 1\n702 10 Örebro"}}},
		{"escapes taken off", `1\. Januar, info\_x, \*inte fet\*`, []Block{{Text: "1. Januar, info_x, *inte fet*"}}},
		{"nested list indented", "- Ett\n  - Två\n  - Tre\n- Fyra", []Block{{Text: "• Ett"}, {Text: "    • Två"}, {Text: "    • Tre"}, {Text: "• Fyra"}}},
		{"numbered list from its start", "3. tre\n4. fyra", []Block{{Text: "3. tre"}, {Text: "4. fyra"}}},
		{"link shows its address", "Se [sidan](https://example.org).", []Block{{Text: "Se sidan (https://example.org)."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Blocks(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Blocks(%q) =\n%+v\nwant\n%+v", tc.in, got, tc.want)
			}
		})
	}
}
