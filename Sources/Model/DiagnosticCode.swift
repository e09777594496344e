/// Every diagnostic Dossier reports, declared once: its stable kebab-case name (what
/// `[code]` prints and JSON output carries) and the severity it is reported with. A code
/// misspelt where a diagnostic is made no longer compiles.
package enum DiagnosticCode: String, CaseIterable, Sendable, CustomStringConvertible {
    // Reading the site: files, links and folders.
    /// No `Content/` folder.
    case missingContent = "missing-content"
    /// A file larger than `max_file_size`.
    case fileTooLarge = "file-too-large"
    /// A file that cannot be opened (permissions).
    case unreadableFile = "unreadable-file"
    /// A pipe, socket or device where a file was expected.
    case notRegularFile = "not-regular-file"
    /// A symbolic link that points outside the content or theme folder.
    case symlinkEscape = "symlink-escape"
    /// A symbolic link to a hidden file or folder.
    case symlinkHidden = "symlink-hidden"
    /// A symbolic link that leads back to a folder being read.
    case symlinkLoop = "symlink-loop"
    /// HTML or script files, refused unless `unsafe_html`.
    case activeContent = "active-content"
    /// An SVG file that does not parse as XML.
    case invalidSVG = "invalid-svg"
    /// A file that is not UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// NUL bytes, removed.
    case nulByte = "nul-byte"
    /// A Markdown file with nothing in it.
    case emptyFile = "empty-file"
    /// A tag no theme answers to: it gets a theme page of its own.
    case tagTheme = "tag-theme"
    /// A folder named almost like an entity folder (`actor/` for `actors/`).
    case folderName = "folder-name"
    /// Two files that would make the same page.
    case duplicatePage = "duplicate-page"
    /// A content file that would replace a generated page or file.
    case outputCollision = "output-collision"

    // Front matter and settings.
    /// Front matter opened with `---` and never closed.
    case frontMatterUnterminated = "front-matter-unterminated"
    /// TOML front matter (`+++`) that does not parse.
    case invalidTOML = "invalid-toml"
    /// YAML that does not parse.
    case invalidYAML = "invalid-yaml"
    /// YAML anchors and aliases, refused (alias bombs).
    case yamlAnchor = "yaml-anchor"
    /// YAML nested too deeply.
    case yamlTooDeep = "yaml-too-deep"
    /// YAML too large to read.
    case yamlTooLarge = "yaml-too-large"
    /// A key given twice.
    case duplicateKey = "duplicate-key"
    /// A required key missing (an entity's name, say).
    case missingKey = "missing-key"
    /// A key Dossier does not know (a misspelling, usually).
    case unknownKey = "unknown-key"
    /// A value of the wrong type.
    case frontMatterType = "front-matter-type"
    /// A setting in `dossier.yml` with a value it cannot take.
    case invalidSetting = "invalid-setting"
    /// A date Dossier cannot read.
    case invalidDate = "invalid-date"
    /// An id that is not a slug.
    case invalidID = "invalid-id"
    /// An actor type not in the list.
    case invalidActorType = "invalid-actor-type"
    /// A Wikidata id that is not `Q` and digits.
    case invalidWikidata = "invalid-wikidata"
    /// An entity file named by an id, without `name:`.
    case missingName = "missing-name"
    /// A document or event without a date.
    case missingDate = "missing-date"
    /// Two entities of a kind with the same id.
    case duplicateID = "duplicate-id"
    /// An alias two entities share.
    case duplicateAlias = "duplicate-alias"
    /// `aliases` written as one text with commas, read as a list.
    case aliasList = "alias-list"

    // Markdown and annotations.
    /// A wikilink whose text names both an entity and a document.
    case ambiguousLink = "ambiguous-link"
    /// A `#fragment` naming no heading of the linked page.
    case unknownFragment = "unknown-fragment"
    /// In a vault, a wikilink to a note that does not exist (yet).
    case unresolvedLink = "unresolved-link"
    /// `![[file]]` or a link to a file the content folder does not have, or has several of.
    case missingAttachment = "missing-attachment"
    /// A Markdown link or image to a file or heading the site does not have.
    case brokenLink = "broken-link"
    /// A link whose scheme looks like a typed link's (`topic:x`, `Theme:x`) but is none.
    case unknownScheme = "unknown-scheme"
    /// Notes that embed each other in a circle.
    case embedCycle = "embed-cycle"
    /// Embeds nested deeper than they are shown.
    case embedTooDeep = "embed-too-deep"
    /// A body with nothing but its title.
    case emptyBody = "empty-body"
    /// Input that would make cmark take quadratic time, refused.
    case markdownTooComplex = "markdown-too-complex"
    /// `%%` opening a comment that never closes.
    case commentUnclosed = "comment-unclosed"
    /// `[[]]`, or `[[|shown]]`: a wikilink with no target. Its text stays as written, as
    /// Obsidian shows it (templates and notes in progress hold such placeholders).
    case emptyWikilink = "empty-wikilink"
    /// `[[` without `]]`.
    case wikilinkUnterminated = "wikilink-unterminated"
    /// A wikilink broken across lines.
    case wikilinkMultiline = "wikilink-multiline"
    /// A wikilink that Markdown read as something else.
    case wikilinkSwallowed = "wikilink-swallowed"
    /// Formatting inside a wikilink, which Markdown ignores there.
    case wikilinkFormatting = "wikilink-formatting"
    /// A wikilink written in a form Dossier does not read.
    case wikilinkSyntax = "wikilink-syntax"
    /// A typed link (`[x](actor:…)`) Dossier cannot read.
    case typedLinkInvalid = "typed-link-invalid"
    /// A mention inside a link, which cannot be both.
    case mentionInLink = "mention-in-link"
    /// A mention whose place in the source cannot be found.
    case mentionUnanchored = "mention-unanchored"
    /// A link to a `javascript:` or other unsafe address, dropped.
    case unsafeURL = "unsafe-url"
    /// A footnote reference without a definition.
    case footnoteUndefined = "footnote-undefined"
    /// A footnote defined and never referenced.
    case footnoteUnused = "footnote-unused"
    /// A footnote defined twice.
    case footnoteDuplicate = "footnote-duplicate"
    /// An image a single file could not embed.
    case imageNotEmbedded = "image-not-embedded"

    // Linking.
    /// A mention of an entity that does not exist.
    case unresolvedMention = "unresolved-mention"
    /// A mention that names more than one entity.
    case ambiguousMention = "ambiguous-mention"
    /// A reference (an event's actors, a theme's parent) to nothing.
    case unresolvedReference = "unresolved-reference"
    /// Themes whose parents form a cycle.
    case themeCycle = "theme-cycle"
    /// An entity made from mentions alone, with no file of its own.
    case stubEntity = "stub-entity"
    /// A name in plain text that could be annotated (`check --unlinked`).
    case unlinkedMention = "unlinked-mention"

    // Briefings.
    /// A judgment's likelihood not among the estimative terms.
    case unknownLikelihood = "unknown-likelihood"
    /// A judgment's confidence not high, moderate or low.
    case unknownConfidence = "unknown-confidence"
    /// A briefing without a bottom line up front.
    case blufMissing = "bluf-missing"
    /// A bottom line longer than a reader takes in at a glance.
    case blufTooLong = "bluf-too-long"
    /// A key judgment without its likelihood or confidence.
    case judgmentIncomplete = "judgment-incomplete"
    /// A key judgment in words with no agreed probability ("might", "possibly").
    case judgmentVague = "judgment-vague"
    /// `dossier brief` on a site that has errors of its own.
    case siteErrors = "site-errors"

    // The theme.
    /// No built-in theme and no complete `Templates/`.
    case missingTheme = "missing-theme"
    /// A page template a theme must have and does not.
    case missingTemplate = "missing-template"
    /// A partial a template uses and no template provides.
    case missingPartial = "missing-partial"
    /// A template that does not parse.
    case templateSyntax = "template-syntax"

    /// The kebab-case name, as printed.
    package var description: String { rawValue }

    /// The severity the code is reported with. (`symlink-escape` is an error in a theme,
    /// which must be complete, and a warning in content, which is skipped.)
    package var severity: Diagnostic.Severity {
        switch self {
        case .unlinkedMention, .tagTheme: .note
        case .notRegularFile, .symlinkEscape, .symlinkHidden, .symlinkLoop, .nulByte, .emptyFile, .unknownKey,
             .invalidWikidata, .folderName, .missingName, .missingDate, .duplicateAlias, .aliasList, .unknownFragment, .unresolvedLink, .missingAttachment, .embedTooDeep, .brokenLink, .unknownScheme, .emptyBody, .commentUnclosed,
             .emptyWikilink, .wikilinkUnterminated, .wikilinkMultiline, .wikilinkFormatting, .wikilinkSyntax, .mentionInLink,
             .mentionUnanchored, .unsafeURL, .footnoteUnused, .footnoteDuplicate, .imageNotEmbedded, .stubEntity,
             .blufMissing, .blufTooLong, .judgmentIncomplete, .judgmentVague, .siteErrors:
            .warning
        default: .error
        }
    }
}
