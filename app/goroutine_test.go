package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoroutineHopsOnlyThroughPost holds the presenters' contract: a
// callback from a background goroutine enters a presenter through its
// post method, the one place that calls fyne.Do, so every goroutine hop
// of the window can be found by looking for post. A fyne.Do anywhere
// else in the package fails this test.
func TestGoroutineHopsOnlyThroughPost(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	posts := map[string]bool{} // receiver types with a post method calling fyne.Do
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !isFyneDo(call) {
					return true
				}
				recv := receiverType(fn)
				if fn.Name.Name != "post" || recv == "" {
					t.Errorf("%s: fyne.Do in %s; a goroutine enters a presenter through its post method", fset.Position(call.Pos()), fn.Name.Name)
					return true
				}
				posts[recv] = true
				return true
			})
		}
	}
	for _, presenter := range []string{"navigator", "session", "guard", "syncStatus", "finder", "myList", "voice"} {
		if !posts[presenter] {
			t.Errorf("%s has no post calling fyne.Do", presenter)
		}
	}
}

func isFyneDo(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Do" && sel.Sel.Name != "DoAndWait" {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "fyne"
}

func receiverType(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return ""
	}
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
