extension JSONWriter {
    // Each record writes its keys in sorted order, so the file is stable and diffable.

    mutating func write(_ graph: GraphExport.Graph) {
        beginObject()
        beginArray("documents")
        for n in 0..<graph.documentCount { write(graph.document(n)) }
        endArray()
        beginArray("edges")
        for edge in graph.edges {
            beginObject()
            field("source", edge.source)
            field("source_kind", edge.sourceKind)
            field("target", edge.target)
            field("target_kind", edge.targetKind)
            field("weight", edge.weight)
            endObject()
        }
        endArray()
        beginArray("entities")
        for index in 0..<graph.entityCount { write(graph.entity(index)) }
        endArray()
        key("site")
        beginObject()
        field("baseURL", graph.site.baseURL)
        field("language", graph.site.language)
        field("title", graph.site.title)
        endObject()
        field("version", graph.version)
        endObject()
    }

    mutating func write(_ document: GraphExport.DocumentRecord) {
        beginObject()
        field("date", document.date)
        beginArray("links")
        for link in document.links {
            beginObject()
            field("anchor", link.anchor)
            field("column", link.column)
            field("document", link.document)
            field("line", link.line)
            field("text", link.text)
            field("url", link.url)
            endObject()
        }
        endArray()
        beginArray("mentions")
        for mention in document.mentions {
            beginObject()
            field("column", mention.column)
            field("entity", mention.entity)
            field("kind", mention.kind)
            field("line", mention.line)
            field("target", mention.target)
            field("text", mention.text)
            endObject()
        }
        endArray()
        field("path", document.path)
        field("section", document.section)
        array("themes", document.themes)
        field("title", document.title)
        field("url", document.url)
        endObject()
    }

    mutating func write(_ entity: GraphExport.EntityRecord) {
        beginObject()
        if let actors = entity.actors { array("actors", actors) }
        array("aliases", entity.aliases)
        field("broader", entity.broader)
        if let date = entity.date {
            key("date")
            beginObject()
            field("display", date.display)
            field("edtf", date.edtf)
            field("end", date.end)
            field("start", date.start)
            endObject()
        }
        field("id", entity.id)
        field("kind", entity.kind)
        beginArray("mentions")
        for mention in entity.mentions {
            beginObject()
            field("column", mention.column)
            field("document", mention.document)
            field("line", mention.line)
            field("text", mention.text)
            endObject()
        }
        endArray()
        field("name", entity.name)
        field("place", entity.place)
        field("stub", entity.stub)
        if let themes = entity.themes { array("themes", themes) }
        field("type", entity.type)
        field("url", entity.url)
        field("wikidata", entity.wikidata)
        endObject()
    }
}
