/// The names of the pages and folders Dossier writes itself, which content may not take.
package enum PageNames {
    /// Folders Dossier generates; a section (`Content/Actors/`) may not take their place.
    package static let generatedFolders: Set<String> = ["actors", "events", "themes", "assets", "graph", "search"]
    /// Page names kept for the site's own pages.
    package static let reserved: Set<String> = ["graph", "search", "page", "feed", "sitemap"]
    /// Either: the first part of a path no document may take.
    package static let generated = generatedFolders.union(reserved)
}
