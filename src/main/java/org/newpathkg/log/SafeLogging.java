package org.newpathkg.log;

import java.io.PrintStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.simple.SimpleLogger;
import org.slf4j.simple.SimpleLoggerFactory;
import org.slf4j.simple.SimpleServiceProvider;

/**
 * The SLF4J provider of this service: slf4j-simple (its configuration, levels and line format
 * from {@code simplelogger.properties}) with every message escaped and cut by {@link LogText}
 * before it is printed, so one event is one line whoever logs it.
 * <p>
 * Why a provider and not call sites: client text reaches the log through loggers this project
 * does not own. Jena's parser warns {@code Bad IRI: <...>} with the IRI after its {@code \\uXXXX}
 * escapes are decoded (a query could write a fake {@code [INFO] Request - GET ...} line or a
 * NUL), Fuseki and Jetty log parse errors and bad requests with their text. slf4j-simple has no
 * formatter or encoder to configure; every logger of every library reaches the printed line
 * through {@code SimpleLogger.handleNormalizedLoggingCall} (classic calls) or
 * {@code SimpleLogger.log} (fluent calls), and a stack trace through
 * {@code SimpleLogger.writeThrowable}, so escaping there covers all of them once.
 * <p>
 * Selected by {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}; the shaded jar leaves
 * out slf4j-simple's own entry, and builds and tests name this class in the {@code slf4j.provider}
 * system property (the pom), so SLF4J never has two providers to choose from.
 */
public final class SafeLogging extends SimpleServiceProvider {
    /** Characters of one message; a longer one is cut and says its full length. */
    static final int MAX_MESSAGE = 2_000;
    /** Lines of one stack trace (with its causes); a deeper one is cut. */
    static final int MAX_TRACE_LINES = 200;

    private ILoggerFactory factory;

    @Override
    public void initialize() {
        factory = new Factory();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    private static final class Factory extends SimpleLoggerFactory {
        @Override
        protected Logger createLogger(String name) {
            return new EscapingLogger(name);
        }
    }

    /** slf4j-simple's logger with its message formatted, escaped and cut before it is written. */
    private static final class EscapingLogger extends SimpleLogger {
        EscapingLogger(String name) {
            super(name);
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            // With no arguments the formatter returns the text as it is, so braces in it stay.
            super.handleNormalizedLoggingCall(level, marker, escape(pattern, args), null, t);
        }

        @Override
        public void log(LoggingEvent event) {
            if (!isLevelEnabled(event.getLevel().toInt()))
                return;
            NormalizedParameters p = NormalizedParameters.normalize(event);
            Marker marker = event.getMarkers() == null || event.getMarkers().isEmpty() ? null : event.getMarkers().get(0);
            handleNormalizedLoggingCall(event.getLevel(), marker, p.getMessage(), p.getArguments(), event.getThrowable());
        }

        /**
         * The trace written here rather than by {@code printStackTrace}, which prints a message
         * with its line breaks: each message (often client text) escaped and cut, frames as they
         * are, causes and suppressed exceptions after, at most {@link #MAX_TRACE_LINES} lines.
         */
        @Override
        protected void writeThrowable(Throwable t, PrintStream out) {
            if (t != null)
                trace(t, new StackTraceElement[0], "", "", out, new int[] {0}, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        /** As {@code printStackTrace}: frames shared with the enclosing trace are counted, not repeated. */
        private static void trace(Throwable t, StackTraceElement[] enclosing, String caption, String indent, PrintStream out,
                                  int[] lines, Set<Throwable> seen) {
            if (!seen.add(t)) {
                line(indent + caption + "[circular] " + LogText.quote(t.toString(), MAX_MESSAGE), out, lines);
                return;
            }
            if (!line(indent + caption + LogText.quote(t.toString(), MAX_MESSAGE), out, lines))
                return;
            StackTraceElement[] frames = t.getStackTrace();
            int m = frames.length - 1;
            for (int n = enclosing.length - 1; m >= 0 && n >= 0 && frames[m].equals(enclosing[n]); n--)
                m--;
            for (int i = 0; i <= m; i++)
                if (!line(indent + "\tat " + frames[i], out, lines))
                    return;
            if (m < frames.length - 1 && !line(indent + "\t... " + (frames.length - 1 - m) + " more", out, lines))
                return;
            for (Throwable s : t.getSuppressed())
                trace(s, frames, "Suppressed: ", indent + "\t", out, lines, seen);
            if (t.getCause() != null)
                trace(t.getCause(), frames, "Caused by: ", indent, out, lines, seen);
        }

        private static boolean line(String text, PrintStream out, int[] lines) {
            if (lines[0] == MAX_TRACE_LINES)
                out.println("\t... (trace cut at " + MAX_TRACE_LINES + " lines)");
            if (lines[0]++ >= MAX_TRACE_LINES)
                return false;
            out.println(text);
            return true;
        }

        private static String escape(String pattern, Object[] args) {
            String message = args == null || args.length == 0 ? pattern : MessageFormatter.basicArrayFormat(pattern, args);
            return LogText.quote(message, MAX_MESSAGE);
        }
    }
}
