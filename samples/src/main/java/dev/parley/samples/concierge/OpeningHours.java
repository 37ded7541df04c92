package dev.parley.samples.concierge;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The venue's opening hours, and answers to questions about them. A CDI bean shared by every conversation. */
@ApplicationScoped
public class OpeningHours {

    /** Opening and closing time of one day. */
    record Hours(LocalTime opens, LocalTime closes) {
    }

    private final Map<DayOfWeek, Hours> week = new EnumMap<>(DayOfWeek.class);

    public OpeningHours() {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getValue() <= 5) {
                week.put(day, new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
            }
        }
        week.put(DayOfWeek.SATURDAY, new Hours(LocalTime.of(10, 0), LocalTime.of(16, 0)));
    }

    /** An answer to {@code question}, or empty if it is not about opening hours. */
    public Optional<String> answer(String question) {
        String words = question.toLowerCase(Locale.ROOT);
        Optional<DayOfWeek> day = mentionedDay(words);
        if (day.isPresent()) {
            return Optional.of(forDay(day.get()));
        }
        if (words.contains("weekend")) {
            return Optional.of(forDay(DayOfWeek.SATURDAY) + " " + forDay(DayOfWeek.SUNDAY));
        }
        if (words.contains("hour") || words.contains("open") || words.contains("close")) {
            return Optional.of("We are open Monday to Friday from 9 am to 6 pm, and on Saturday from 10 am to 4 pm. "
                    + "We are closed on Sunday.");
        }
        return Optional.empty();
    }

    private String forDay(DayOfWeek day) {
        String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        Hours hours = week.get(day);
        return hours == null ? "On " + name + " we are closed."
                : "On " + name + " we are open from " + time(hours.opens()) + " to " + time(hours.closes()) + ".";
    }

    private static Optional<DayOfWeek> mentionedDay(String words) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (words.contains(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT))) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static String time(LocalTime time) {
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        return hour + (time.getHour() < 12 ? " am" : " pm");
    }
}
