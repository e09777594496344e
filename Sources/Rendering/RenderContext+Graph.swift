import Model

extension RenderContext {
    func graphView() -> GraphPageView {
        let graph = RelationGraph(site)
        let svg = GraphSVG.site(graph, site: site, url: entityURL)
        let themeIDs = Set(graph.nodes.flatMap(\.themes))
        let themes = themeIDs.sorted { site.entities[$0].name.localizedCompare(site.entities[$1].name) }
            .map { GraphPageView.ThemeOption(id: site.entities[$0].id.rawValue, name: site.entities[$0].name) }
        return GraphPageView(
            layout: layout(title: "Relationship graph", description: "Actors and events, linked when the writing names them together.",
                           current: "graph", folder: "graph"),
            svg: svg, nodeCount: graph.nodes.count, edgeCount: graph.edges.count, total: graph.total,
            isPartial: graph.nodes.count < graph.total, themes: themes, script: urls.file("assets/graph.js"))
    }
}
