/* Baseline for the validate benchmark: read every *.yaml / *.yml file under the given
 * directories and run libyaml's event parser over its bytes, doing nothing else.
 * Prints the number of files, bytes and events; exits 1 if any file fails to parse. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned long files, bytes, events, failures;

static int has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)ftw;
    if (type != FTW_F || !(has_suffix(path, ".yaml") || has_suffix(path, ".yml"))) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); failures++; return 0; }
    size_t size = (size_t)st->st_size;
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf || fread(buf, 1, size, f) != size) { perror(path); failures++; fclose(f); free(buf); return 0; }
    fclose(f);
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buf, size);
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s: %s\n", path, parser.problem ? parser.problem : "parse error");
            failures++;
            break;
        }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    free(buf);
    files++;
    bytes += size;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s DIR...\n", argv[0]); return 2; }
    for (int i = 1; i < argc; i++)
        if (nftw(argv[i], visit, 32, FTW_PHYS) != 0) { perror(argv[i]); return 2; }
    printf("%lu files, %lu bytes, %lu events\n", files, bytes, events);
    return failures ? 1 : 0;
}
