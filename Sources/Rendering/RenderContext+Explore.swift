import Model

extension RenderContext {
    /// `searchView`: the page around the index, which counts documents and entities.
    static func searchInputs(_ list: inout InputList) {
        list.layout()
        list.add(.documentList)
    }

    func searchView() -> SearchPageView {
        SearchPageView(
            layout: layout(title: "Search", description: "Search the full text of every document, actor, event and theme.",
                           current: "search", folder: "search"),
            indexScript: "index.js", script: urls.file("assets/search.js"), root: urls.file(""),
            entries: site.entities.count + site.documents.count)
    }

    func graphView() -> GraphPageView {
        let graph = RelationGraph(site)
        let svg = GraphSVG.site(graph, site: site, url: entityURL)
        let themeIDs = Set(graph.nodes.flatMap(\.themes))
        let themes = themeIDs.sorted { site.name(of: $0).localizedCompare(site.name(of: $1)) }
            .map { GraphPageView.ThemeOption(id: site.entities[$0].id.rawValue, name: site.name(of: $0)) }
        return GraphPageView(
            layout: layout(title: "Relationship graph", description: "Actors and events, linked when the writing names them together.",
                           current: "graph", folder: "graph"),
            svg: svg, nodeCount: graph.nodes.count, edgeCount: graph.edges.count, total: graph.total,
            isPartial: graph.nodes.count < graph.total, themes: themes, script: urls.file("assets/graph.js"))
    }
}
