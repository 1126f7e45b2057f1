package kr.hiway.vocabulary.archfixture;

import org.springframework.stereotype.Component;

/** A deliberate offender for ArchitectureTest: Spring in the shared vocabulary. */
@Component
public class VocabularyUsingSpring {}
