package main

import (
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
)

// library is html-to-markdown v2 with its default plugins and the table
// plugin, so tables get their best chance.
var library = converter.NewConverter(converter.WithPlugins(
	base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(), table.NewTablePlugin(),
))

// convertWithLibrary gives the library the page address, so relative
// links resolve as they do in the hand-written converter.
func convertWithLibrary(html string) (string, error) {
	return library.ConvertString(html, converter.WithDomain(pageURL))
}
