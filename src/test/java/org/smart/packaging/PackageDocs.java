package org.smart.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.smart.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step of the package ({@code ./mvnw -Pdeb package}, see packaging/build-deb): writes into OUTDIR the man
 * pages as AsciiDoc (smart(1) and a page per subcommand from picocli's generator, smart.conf(5) from the
 * configuration parsers' tables), the commented host.conf and the bash completion script. Nothing of it is
 * kept in the source tree, so none of it can drift from the code.
 *
 * <p>Usage: {@code PackageDocs OUTDIR VERSION}
 */
public final class PackageDocs {

    private PackageDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PackageDocs OUTDIR VERSION");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String version = args[1];
        CommandLine smart = fullCommandLine(version);
        Path man = out.resolve("man");
        deleteTree(man); // a page of a command since removed must not be packaged, nor linked to
        Files.createDirectories(man);
        int status = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true, smart.getCommandSpec());
        if (status != 0) {
            System.err.println("PackageDocs: picocli's man page generator failed with status " + status);
            System.exit(1);
        }
        finishPicocliPages(man);
        write(man.resolve("smart.conf.adoc"), ConfManPage.render(version));
        write(out.resolve("host.conf"), HostConfTemplate.render());
        write(out.resolve("smart.bash-completion"), BashCompletion.render(smart));
    }

    /**
     * picocli names the manual after the command ("Smart Manual") and knows of no other page: the pages get
     * the project's name and a SEE ALSO section that links them with each other and with smart.conf(5).
     */
    private static void finishPicocliPages(Path man) throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(man)) {
            pages = files.filter(f -> f.getFileName().toString().endsWith(".adoc")).sorted().toList();
        }
        List<String> names = pages.stream().map(p -> p.getFileName().toString().replace(".adoc", "")).toList();
        for (Path page : pages) {
            String self = page.getFileName().toString().replace(".adoc", "");
            String others = names.stream().filter(n -> !n.equals(self)).map(n -> "*" + n + "*(1)")
                    .collect(Collectors.joining(", "));
            String text = Files.readString(page).replace(":manmanual: Smart Manual", ":manmanual: SMART Manual")
                    + "\n== See also\n\n" + (others.isEmpty() ? "" : others + ", ") + "*smart.conf*(5)\n";
            write(page, text);
        }
    }

    /** smart with every subcommand registered (Main registers them lazily) and the package's version. */
    public static CommandLine fullCommandLine(String version) {
        CommandLine smart = Main.newCommandLine("--help");
        setVersion(smart.getCommandSpec(), version);
        return smart;
    }

    private static void setVersion(CommandSpec spec, String version) {
        spec.versionProvider(() -> new String[] {"smart " + version});
        spec.subcommands().values().forEach(sub -> setVersion(sub.getCommandSpec(), version));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
