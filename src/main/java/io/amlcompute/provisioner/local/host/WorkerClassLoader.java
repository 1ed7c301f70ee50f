package io.amlcompute.provisioner.local.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * How the Java worker loads an app from its deployable folder: a {@code URLClassLoader} over the app's jars whose
 * parent holds the worker's own classes, so those win (parent first). Azure/azure-functions-java-worker @
 * 45e0843d628fad297881471c69885b02d2c6d492 (2.17.0): {@code reflect/EnhancedClassLoaderProvider.java}
 * ({@code new URLClassLoader(customerUrls + workerUrls)}, the system class loader as parent),
 * {@code broker/JavaFunctionBroker.java} (the app's {@code lib/*.jar}, then the worker's azure-functions-java-library),
 * {@code pom.xml} (the worker jar relocates its dependencies under {@code com.microsoft.azure.functions.shaded} except
 * Gson, which stays {@code com.google.gson}).
 *
 * <p>So the classes a worker shares with the app are {@code com.microsoft.azure.functions.*} (the worker, its SPI, the
 * annotation library) and {@code com.google.gson.*}; the parent here passes exactly those from the local host's own
 * class path (the model of the worker converts with the same Gson and reads the same annotations) and everything else
 * from the JDK only. The app's own dependencies come from its jars. Not modelled: in Azure an app's own
 * azure-functions-java-library in {@code lib/} comes before the worker's; here the host's copy (3.2.3) is always used.
 */
final class WorkerClassLoader extends URLClassLoader {

    private static final List<String> WORKER_PACKAGES = List.of("com.microsoft.azure.functions.", "com.google.gson.");

    WorkerClassLoader(List<Path> jars) {
        super("function-app", urls(jars), new WorkerClasses(WorkerClassLoader.class.getClassLoader()));
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a jar path: " + jars.get(i), e);
            }
        }
        return urls;
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker's side: its packages from the host's class path, the JDK's through the platform loader. */
    private static final class WorkerClasses extends ClassLoader {
        private final ClassLoader host;

        WorkerClasses(ClassLoader host) {
            super("functions-worker", ClassLoader.getPlatformClassLoader());
            this.host = host;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (WORKER_PACKAGES.stream().anyMatch(name::startsWith)) {
                return host.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            String asClass = name.replace('/', '.');
            return WORKER_PACKAGES.stream().anyMatch(asClass::startsWith) ? host.getResource(name) : null;
        }
    }
}
