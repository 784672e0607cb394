//! The layering rules of docs/ARCHITECTURE.md, read from the Rust of `src/` (parsed with syn, not grepped): no
//! import cycle between top-level modules, `domain/` imports nothing else of the crate, `report/` and `import/`
//! never `store/`. Every path counts: `use` trees however grouped, nested or split over lines, `crate::`, `super::`
//! (resolved against the file's module path) and `self::` paths, fully qualified paths in code and in macro calls.
//! The files are those `src/lib.rs` reaches through its `mod` items (`#[path]` included), so a test module is read
//! at its real depth. `scripts/check-layers.sh` runs `real_source_keeps_its_layers` (on `CHECK_LAYERS_SRC` if set).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// A path from one top-level module into another, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub file: String,
    pub path: String,
}

/// The rules broken in the crate whose `lib.rs` is in `src`, one line each (empty when it keeps its layers).
pub fn violations(src: &Path) -> Vec<String> {
    let mut edges = Vec::new();
    let mut problems = Vec::new();
    read_module(src, &src.join("lib.rs"), &[], true, &mut edges, &mut problems);
    for edge in &edges {
        let Edge { from, to, file, path } = edge;
        match (from.as_str(), to.as_str()) {
            ("domain", _) => {
                problems.push(format!("domain/ imports crate::{to} ({file}: {path}): domain/ is plain types and rules"))
            }
            ("report" | "import", "store") => {
                problems.push(format!("{from}/ imports store ({file}: {path}): it takes domain types, never the store"))
            }
            _ => {}
        }
    }
    problems.extend(cycles(&edges));
    problems
}

/// Modules that reach themselves through the edges, each with the edges that touch it.
fn cycles(edges: &[Edge]) -> Vec<String> {
    let mut next: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in edges {
        next.entry(e.from.as_str()).or_default().insert(e.to.as_str());
    }
    let reaches = |start: &str| {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = next.get(start).into_iter().flatten().copied().collect();
        while let Some(m) = todo.pop() {
            if seen.insert(m) {
                todo.extend(next.get(m).into_iter().flatten().copied());
            }
        }
        seen.contains(start)
    };
    next.keys()
        .copied()
        .filter(|&m| reaches(m))
        .map(|m| {
            let touching: BTreeSet<String> =
                edges.iter().filter(|e| e.from == m || e.to == m).map(|e| format!("{}->{}", e.from, e.to)).collect();
            format!("{m} is in an import cycle: {}", touching.into_iter().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

/// Reads `file` as the module at `module` (`[]` for the crate root) and every file module it declares.
fn read_module(
    src: &Path,
    file: &Path,
    module: &[String],
    owns_dir: bool,
    edges: &mut Vec<Edge>,
    problems: &mut Vec<String>,
) {
    let shown = file.strip_prefix(src).unwrap_or(file).display().to_string();
    let parsed = fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|text| syn::parse_file(&text).map_err(|e| e.to_string()));
    let ast = match parsed {
        Ok(ast) => ast,
        Err(err) => return problems.push(format!("{shown}: cannot be read as Rust: {err}")),
    };
    // Child files of `a/mod.rs` and `lib.rs` sit beside them; those of `a/b.rs` in `a/b/`.
    let dir = file.parent().unwrap_or(src);
    let child_dir = if owns_dir { dir.to_path_buf() } else { dir.join(file.file_stem().unwrap_or_default()) };
    let mut reader = Reader {
        module: module.to_vec(),
        file: shown,
        edges: Vec::new(),
        children: Vec::new(),
        dir: dir.to_path_buf(),
        child_dir,
    };
    reader.visit_file(&ast);
    edges.append(&mut reader.edges);
    for (path, child, owns) in reader.children {
        read_module(src, &path, &child, owns, edges, problems);
    }
}

struct Reader {
    module: Vec<String>,
    file: String,
    edges: Vec<Edge>,
    /// File modules declared here: their file, module path and whether they own their directory.
    children: Vec<(PathBuf, Vec<String>, bool)>,
    dir: PathBuf,
    child_dir: PathBuf,
}

impl Reader {
    /// Records `segments` (a path as written) when it leads from this file's top-level module into another.
    fn record(&mut self, segments: &[String]) {
        let Some(from) = self.module.first() else { return }; // the crate root belongs to no layer
        let Some(to) = resolve(&self.module, segments) else { return };
        if &to != from {
            self.edges.push(Edge { from: from.clone(), to, file: self.file.clone(), path: segments.join("::") });
        }
    }
}

/// The top-level module a path written inside `module` leads to; `None` for other crates and for a bare name.
fn resolve(module: &[String], segments: &[String]) -> Option<String> {
    let first = segments.first()?;
    let mut base: Vec<&str> = match first.as_str() {
        "crate" => Vec::new(),
        "self" | "super" => module.iter().map(String::as_str).collect(),
        // `use child::x` in a module names a child (same top-level module); elsewhere another crate.
        _ => return None,
    };
    let mut rest = &segments[1..];
    if first == "super" {
        base.pop();
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    base.first().map(|m| (*m).to_owned()).or_else(|| rest.first().filter(|s| *s != "*").cloned())
}

/// Every path a `use` tree imports, as segments (a glob ends with `*`).
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    fn with(prefix: &[String], last: String) -> Vec<String> {
        prefix.iter().cloned().chain([last]).collect()
    }
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push(with(prefix, n.ident.to_string())),
        syn::UseTree::Rename(r) => out.push(with(prefix, r.ident.to_string())),
        syn::UseTree::Glob(_) => out.push(with(prefix, "*".to_owned())),
        syn::UseTree::Group(g) => g.items.iter().for_each(|item| use_paths(item, prefix, out)),
    }
}

/// `a::b::c` sequences in a macro's tokens, nested groups included (macros are not parsed as Rust).
fn token_paths(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let mut current: Vec<String> = Vec::new();
    let mut colons = 0;
    let flush = |current: &mut Vec<String>, out: &mut Vec<Vec<String>>| {
        if current.len() > 1 {
            out.push(std::mem::take(current));
        }
        current.clear();
    };
    for token in tokens {
        match token {
            TokenTree::Ident(ident) if current.is_empty() || colons == 2 => {
                current.push(ident.to_string());
                colons = 0;
            }
            TokenTree::Punct(p) if p.as_char() == ':' && !current.is_empty() && colons < 2 => colons += 1,
            other => {
                flush(&mut current, out);
                colons = 0;
                match other {
                    TokenTree::Group(group) => token_paths(group.stream(), out),
                    TokenTree::Ident(ident) => current.push(ident.to_string()),
                    _ => {}
                }
            }
        }
    }
    flush(&mut current, out);
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        // `use ::x` names another crate.
        if item.leading_colon.is_none() {
            let mut paths = Vec::new();
            use_paths(&item.tree, &mut Vec::new(), &mut paths);
            paths.iter().for_each(|p| self.record(p));
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() && path.segments.len() > 1 {
            let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.record(&segments);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let mut paths = Vec::new();
        token_paths(mac.tokens.clone(), &mut paths);
        paths.iter().for_each(|p| self.record(p));
        syn::visit::visit_macro(self, mac);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let name = item.ident.to_string();
        let module: Vec<String> = self.module.iter().cloned().chain([name.clone()]).collect();
        if item.content.is_some() {
            // An inline module: its paths resolve one level deeper.
            let outer = std::mem::replace(&mut self.module, module);
            syn::visit::visit_item_mod(self, item);
            self.module = outer;
            return;
        }
        let path_attr = item.attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        });
        let (file, owns) = match path_attr {
            // `#[path]` is relative to the declaring file's directory; such a file owns no directory of its own.
            Some(p) => (self.dir.join(p), false),
            None => {
                let flat = self.child_dir.join(format!("{name}.rs"));
                if flat.exists() { (flat, false) } else { (self.child_dir.join(&name).join("mod.rs"), true) }
            }
        };
        self.children.push((file, module, owns));
    }
}

#[cfg(test)]
#[path = "layers_tests.rs"]
mod tests;
