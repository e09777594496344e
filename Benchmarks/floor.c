/*
 * The floor Dossier is measured against: what the same work costs with nothing but
 * libcmark and write(2).
 *
 *   floor CONTENT_DIR MANIFEST OUT_DIR
 *
 * 1. Parse and render every Markdown body under CONTENT_DIR (front matter skipped) with
 *    cmark_markdown_to_html, in this process, on one core.
 * 2. Write the files listed in MANIFEST ("size path" per line: Dossier's own output) with
 *    that many bytes each under OUT_DIR, creating folders as needed.
 *
 * Prints one JSON object: {"files": n, "input_bytes": n, "parse_render_s": t,
 * "written_files": n, "written_bytes": n, "write_s": t}.
 */
#define _POSIX_C_SOURCE 200809L
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buffer = malloc(size + 1);
    *length = fread(buffer, 1, size, f);
    buffer[*length] = 0;
    fclose(f);
    return buffer;
}

/* The body after a leading "---" front matter block. */
static const char *body_of(const char *text, size_t length, size_t *body_length) {
    if (strncmp(text, "---\n", 4) == 0) {
        const char *end = strstr(text + 4, "\n---\n");
        if (end) {
            const char *body = end + 5;
            *body_length = length - (body - text);
            return body;
        }
    }
    *body_length = length;
    return text;
}

static size_t files = 0, input_bytes = 0, output_bytes = 0;

static void render_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d))) {
        if (entry->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            render_tree(path);
            continue;
        }
        size_t n = strlen(entry->d_name);
        if (n < 3 || strcmp(entry->d_name + n - 3, ".md") != 0) continue;
        size_t length, body_length;
        char *text = read_file(path, &length);
        if (!text) continue;
        const char *body = body_of(text, length, &body_length);
        char *html = cmark_markdown_to_html(body, body_length, CMARK_OPT_DEFAULT);
        output_bytes += strlen(html);
        free(html);
        free(text);
        files++;
        input_bytes += length;
    }
    closedir(d);
}

static void make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        mkdir(path, 0755);
        *p = '/';
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: floor CONTENT_DIR MANIFEST OUT_DIR\n");
        return 2;
    }
    double start = now();
    render_tree(argv[1]);
    double parse_render = now() - start;

    FILE *manifest = fopen(argv[2], "r");
    if (!manifest) {
        fprintf(stderr, "floor: cannot open %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    static char buffer[1 << 20];
    memset(buffer, 'x', sizeof buffer);
    size_t written_files = 0, written_bytes = 0;
    char line[4096];
    start = now();
    while (fgets(line, sizeof line, manifest)) {
        size_t size;
        char relative[4000];
        if (sscanf(line, "%zu %3999[^\n]", &size, relative) != 2) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[3], relative);
        make_parents(path);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) continue;
        for (size_t left = size; left > 0;) {
            size_t chunk = left < sizeof buffer ? left : sizeof buffer;
            ssize_t done = write(fd, buffer, chunk);
            if (done <= 0) break;
            left -= done;
        }
        close(fd);
        written_files++;
        written_bytes += size;
    }
    double write_time = now() - start;
    fclose(manifest);
    printf("{\"files\": %zu, \"input_bytes\": %zu, \"html_bytes\": %zu, \"parse_render_s\": %.4f, "
           "\"written_files\": %zu, \"written_bytes\": %zu, \"write_s\": %.4f}\n",
           files, input_bytes, output_bytes, parse_render, written_files, written_bytes, write_time);
    return 0;
}
