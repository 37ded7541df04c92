package dev.parley.samples.concierge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The concierge's knowledge, without any server. */
class OpeningHoursTest {
    static final String WEEK = "We are open Monday to Friday from 9 am to 6 pm, and on Saturday from 10 am to 4 pm. "
            + "We are closed on Sunday.";

    private final OpeningHours hours = new OpeningHours();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Are you open on Monday?     | On Monday we are open from 9 am to 6 pm.
            tuesday                     | On Tuesday we are open from 9 am to 6 pm.
            What about WEDNESDAY?       | On Wednesday we are open from 9 am to 6 pm.
            Thursday morning?           | On Thursday we are open from 9 am to 6 pm.
            When do you close on Friday | On Friday we are open from 9 am to 6 pm.
            on saturday?                | On Saturday we are open from 10 am to 4 pm.
            Are you open on Sunday?     | On Sunday we are closed.
            """)
    void eachDayHasItsOwnAnswer(String question, String answer) {
        assertEquals(Optional.of(answer), hours.answer(question));
    }

    @Test
    void theWeekendIsSaturdayThenSunday() {
        assertEquals(Optional.of("On Saturday we are open from 10 am to 4 pm. On Sunday we are closed."),
                hours.answer("Are you open at the weekend?"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"What are your opening hours?", "When are you open?", "When do you close?", "HOURS"})
    void aGeneralQuestionGetsTheWholeWeek(String question) {
        assertEquals(Optional.of(WEEK), hours.answer(question));
    }

    @Test
    void aDayWinsOverTheGeneralAnswer() {
        assertEquals(Optional.of("On Sunday we are closed."), hours.answer("What are your opening hours on Sunday?"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"Can I bring my dog?", "", "Where is the station?", "mon tue wed"})
    void anythingElseHasNoAnswer(String question) {
        assertEquals(Optional.empty(), hours.answer(question));
    }
}
