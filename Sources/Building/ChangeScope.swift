import Model
import Rendering

/// Which pages a change can affect. Settings, templates, or the set of files and entities
/// changing affect every page. Otherwise the pages affected are those whose declared inputs
/// (`Page.inputs`, beside each view) differ between the two builds, found through the
/// inverted index of those declarations, and pages that are new.
enum ChangeScope {
    case everything
    case pages(Set<Page>)

    init(from old: Site, _ oldTemplates: TemplateSet, to new: Site, _ newTemplates: TemplateSet, pages: [Page]) {
        guard oldTemplates.sources == newTemplates.sources, InputChanges.comparable(old, new) else {
            self = .everything
            return
        }
        let index = DependencyIndex(site: new, pages: pages)
        self = .pages(index.pages(changedFrom: old, to: new))
    }
}
