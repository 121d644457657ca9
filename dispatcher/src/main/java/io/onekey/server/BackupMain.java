package io.onekey.server;

import io.onekey.dispatcher.store.sqlite.SqliteDatabase;
import io.onekey.server.config.OneKeyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onekey backup FILE}: a consistent copy of the embedded store, made while the server runs. */
@Command(name = "onekey backup", mixinStandardHelpOptions = true,
        description = "Copies the embedded store to FILE while the server keeps running.")
public final class BackupMain implements Callable<Integer> {

    @Option(names = "--config", description = "The server's configuration file, to find the store.")
    Path configFile;

    @Option(names = "--store", paramLabel = "DB", description = "The store's database file (default: as the server's settings say).")
    Path storeFile;

    @Parameters(paramLabel = "FILE", description = "Where to write the copy (a new file).")
    Path target;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackupMain()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            Map<String, String> overrides = new HashMap<>();
            if (storeFile != null) {
                overrides.put("store.path", storeFile.toString());
            }
            Path source = OneKeyConfig.load(configFile, System.getenv(), overrides).store().path();
            SqliteDatabase.backup(source, target);
            System.out.println("onekey: backup of " + source + " written to " + target + " (" + Files.size(target) + " bytes)");
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("onekey: " + e.getMessage());
            return 1;
        }
    }
}
