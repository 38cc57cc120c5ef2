"""Illustrative answers for the demo data: plausible multi-paragraph replies, written for any country.

These texts are invented for demonstration; they describe no real country's law or practice.
"""

from collections.abc import Callable

from countries.models import Country

from .models import Answer, Item, Version
from .services import (
    ItemValue,
    answer_save,
    attachment_add_link,
    reply_start,
    reply_submit,
    version_import_yaml,
    version_party_add,
    version_publish,
)

DEMO_QUESTIONNAIRE = ("ict-2017", "1")  # code and version label of the demo questionnaire's YAML
# Signatories in the baseline file that have since become Parties, added to the demo round explicitly.
LATER_PARTIES = ("AM",)

PARAGRAPHS = {
    "1.1.a": [
        "<p>In {country}, the Ministry of Education runs the programme <strong>“Think before you share”</strong> in all lower-secondary schools. Trained teachers lead two lessons a year on the risks of producing and sending intimate images, using short films made with pupils.</p>",
        "<p>The national Safer Internet Centre publishes a toolkit for teachers and parents, which includes:</p><ul><li>lesson plans for 11-14 and 15-18 year-olds;</li><li>a guide on what to do when an image has been shared;</li><li>posters on where to report and find help.</li></ul>",
        "<p>An evaluation in 2016 showed that 64% of pupils who took part could name at least one place to get help, against 31% before the lessons.</p>",
    ],
    "1.1.b": [
        "<p>Messages and audio content are covered by the same programme. Since 2015 the police prevention service of {country} has added a module on sexual messages exchanged in online games and chat applications.</p>",
        "<p>Youth workers receive a one-day training to discuss these situations with children who are not reached through schools.</p>",
    ],
    "2.1": [
        "<p>Civil society organisations are members of the national coalition for children's online safety, chaired by the ministry responsible for children. They design campaigns together with the authorities and run the helpline.</p>",
        "<p>The State supports them with multi-annual grants (about 1.2 million euros a year) and by giving them access to schools. Two organisations run peer-education projects in which older pupils talk with younger ones about image sharing.</p>",
    ],
    "4.2": [
        "<p>Initial training of police officers includes a 16-hour module on offences committed online against children. Prosecutors and judges follow a two-day course at the judicial training school, updated every year.</p>",
        "<p>Teachers can take an optional online course of 6 hours; social workers receive a half-day session as part of their in-service training.</p>",
    ],
    "5.1": [
        "<p>The national research council funded a survey of 4,000 pupils aged 12 to 17 in 2016. It found that 9% had sent a sexual image of themselves and 21% had received one; most images were first shared within a relationship.</p>",
        "<p>A qualitative study by the University of the capital (2017) interviewed 40 young people and concluded that pressure from peers and partners was the main reason for sharing, and that fear of blame stopped children from seeking help.</p>",
    ],
    "6.1": [
        "<p>Child victims in {country} can turn to the national helpline, to school psychologists and to the regional child advocacy centres, which bring police interviews, medical examination and psychological support under one roof.</p>",
        "<p>Because the abuse has an online element, the centres help victims to request the removal of images from platforms, in co-operation with the hotline. Victims are informed of the progress of removal requests.</p>",
        "<p>Specialised therapists have been trained to address the feeling of permanent exposure that victims of shared images describe.</p>",
    ],
    "7.1": [
        "<p>A co-operation agreement signed in 2014 between the police, the prosecution service and three NGOs sets how victims are referred to support services and who informs the family.</p>",
        "<p>NGO staff may accompany a child during interviews, and a joint working group meets every quarter to review difficult cases.</p>",
    ],
    "8.2": [
        "<p>Data are collected by the police crime statistics unit from the national case-management system. Since 2016, cases involving images produced by the child are flagged with a specific code.</p>",
        "<p>The prosecution service publishes its own figures once a year; the two sources are not yet linked, so the numbers differ slightly.</p>",
    ],
    "9.2": [
        "<p>Article 210 of the Criminal Code makes it an offence to produce, offer, distribute or possess child sexual abuse material. Paragraph 4 provides that a child who produces images of him- or herself and shares them, with consent, with a partner of similar age <strong>is not punishable</strong>.</p>",
        "<p>When images are shared without consent by a peer, Article 210 applies, but the juvenile justice act lets the prosecutor choose educational measures instead of prosecution.</p>",
    ],
    "10.1": [
        "<p>An adult who obtains, possesses or distributes images that a child produced of him- or herself commits the offence of Article 210, whatever the way in which the images were obtained. The penalty is up to five years' imprisonment, and up to eight years where the images were distributed.</p>",
        "<p>Obtaining images through deception or pressure is an aggravating circumstance.</p>",
    ],
    "11.2": [
        "<p>Article 212a, introduced in 2015, punishes whoever, through information and communication technologies, coerces a child into producing sexual images or into sexual acts, or threatens to disseminate images. The penalty is two to ten years' imprisonment.</p>",
        "<p>Attempt is punishable, and the offence is prosecuted of the State's own motion.</p>",
    ],
    "12.1": [
        "<p>The courts of {country} have jurisdiction when the offence is committed on its territory, including when the data are received or viewed there, and when the offender or the victim is a national or habitual resident.</p>",
        "<p>For offences against children, prosecution of offences committed abroad by nationals does not require that the act is also punishable where it was committed, in line with Article 25 of the Convention.</p>",
    ],
    "13.4": [
        "<p>The main unit is part of the national police cybercrime directorate. It has <strong>24 investigators</strong>, four victim-identification specialists and two analysts, organised in three teams: online investigations, victim identification and international co-operation.</p>",
        "<p>Regional police forces each have at least two officers trained to handle these cases and can call on the national unit for digital forensics.</p>",
        "<p>The unit covers offences committed through social media, messaging services, online games and the dark web.</p>",
    ],
    "14.1": [
        "<p>The main difficulties are the short retention of traffic data by service providers, the time needed to obtain data held abroad, and the volume of seized material.</p>",
        "<p>Solutions include a fast-track channel with the largest platforms, the use of hash lists to sort material automatically, and the secondment of a liaison prosecutor to the national police unit.</p>",
    ],
    "15.2": [
        "<p>The police academy and the judicial training school provide the training, with annual sessions of two to three days. The content covers the psychology of child victims, child-friendly interviews, digital evidence and the Lanzarote and Budapest Conventions.</p>",
        "<p>Since 2017 the Council of Europe's online course on child sexual abuse has been part of the programme for prosecutors.</p>",
    ],
    "16.1.a": [
        "<p>{country} takes part in the European campaigns of the Safer Internet network and shares its school materials with neighbouring countries through bilateral agreements.</p>",
    ],
    "16.1.b": [
        "<p>The hotline is a member of the INHOPE network and forwards reports of material hosted abroad within 24 hours, which speeds up removal and the identification of victims.</p>",
    ],
    "16.1.c": [
        "<p>The national unit co-operates through Europol and Interpol, and uses joint investigation teams in cases with several countries. Mutual legal assistance requests concerning children are treated as urgent.</p>",
        "<p>In 2016 the unit took part in two international operations that identified 14 child victims.</p>",
    ],
}

EXPLANATIONS = {
    "1.2": "<p>Children's councils reviewed the lesson materials and a youth panel helped write the campaign messages.</p>",
    "3.1": "<p>The topic is part of the compulsory health and digital literacy curriculum since the 2015 reform.</p>",
    "6.3": "<p>The national child helpline (116 111) is free, open every day and can be reached by chat.</p>",
    "9.1": "<p>Private production by the child for his or her own use is not an offence (Criminal Code, Article 210 § 4).</p>",
    "11.1": "<p>See Article 212a of the Criminal Code, quoted in reply to 11.2.</p>",
    "13.1.a": "<p>A national unit within the cybercrime directorate, with trained officers in every region.</p>",
    "13.1.b": "<p>Each regional prosecution office has designated prosecutors for sexual offences against children.</p>",
    "13.1.c": "<p>There are no specialised courts, but cases are assigned to judges with specific training.</p>",
    "13.2": "<p>The juvenile police units handle cases in which the suspect is under 18.</p>",
    "13.6": "<p>Four specialists analyse images and videos to identify victims and places.</p>",
    "13.7": "<p>The unit has been connected to the international database since 2013 and uploads material weekly.</p>",
}

YES_NO = {
    "1.2": "yes", "3.1": "yes", "6.3": "yes", "9.1": "no", "11.1": "yes", "13.1.a": "yes",
    "13.1.b": "yes", "13.1.c": "no", "13.2": "yes", "13.6": "yes", "13.7": "yes",
}
CHOICE = {"3.2": "both", "13.3": "cybercrime"}
MULTI_CHOICE = {"4.1": ["teachers", "police", "prosecutors", "social_workers"], "15.1": ["police", "prosecutors", "judges"]}
NUMBERS = {"6.2": 312, "8.1": 148, "13.5": 30}
LINKS = {
    "9.3": [("Criminal Code, Articles 210-212a (extract)", "en", "https://example.org/criminal-code-extract")],
    "5.2": [("National survey on young people and intimate images (2016)", "en", "https://example.org/survey-2016")],
}


def demo_values(answer: Answer, country_name: str) -> dict[str, ItemValue]:
    """The illustrative values of every item of ``answer``, written for ``country_name``, ready to save."""
    values = {}
    for item_answer in answer.item_answers.select_related("item"):
        number = item_answer.item.number
        values[number] = ItemValue(
            text="".join(PARAGRAPHS.get(number, [])).format(country=country_name),
            yes_no=YES_NO.get(number, ""),
            choice=CHOICE.get(number, ""),
            choices=tuple(MULTI_CHOICE.get(number, ())),
            number=NUMBERS.get(number),
            explanation=EXPLANATIONS.get(number, ""),
        )
    return values


def demo_version(yaml_text: str, *, log: Callable[[str], None]) -> Version:
    """The demo questionnaire, imported from ``yaml_text`` and published unless it already is."""
    code, label = DEMO_QUESTIONNAIRE
    version = Version.objects.filter(questionnaire__code=code, label=label).first()
    if version is None:
        version = version_import_yaml(text=yaml_text)
        # The committee's own symbols for the second round's documents.
        version.symbol_pattern, version.reply_symbol_pattern = "T-ES(2018){n}", "T-ES(2017)ICT-{country}"
        version.save(update_fields=["symbol_pattern", "reply_symbol_pattern"])
        log(f"Questionnaire: imported {version}.")
    if version.status == Version.Status.DRAFT:
        version = version_publish(version=version)
        log(f"Questionnaire: published {version}, {version.parties.count()} Parties of the round.")
    for iso_code in LATER_PARTIES:
        country = Country.objects.filter(iso_code=iso_code).exclude(rounds=version).first()
        if country is not None:
            version_party_add(version=version, country=country)
            log(f"Parties: {country.name} added (it ratified the Convention after the baseline facts).")
    return version


def demo_reply(*, version: Version, country, user, share: float, submit: bool) -> tuple[int, int] | None:
    """Start ``country``'s reply and answer the first ``share`` of its questions with the demo values
    and links, submitting it if asked. Returns (questions answered, questions), or None when the
    country has replied already."""
    if version.replies.filter(country=country).exists():
        return None
    reply = reply_start(version=version, country=country, user=user)
    answers = list(reply.answers.select_related("question").order_by("question__position"))
    cutoff = round(share * len(answers))
    for answer in answers[:cutoff]:
        answer_save(answer=answer, values=demo_values(answer, country.name), user=user, language="en")
        for item_answer in answer.item_answers.select_related("item", "answer").filter(item__type=Item.Type.FILES):
            for title, language, url in LINKS.get(item_answer.item.number, []):
                attachment_add_link(item_answer=item_answer, title=title, url=url, language=language, user=user)
    if submit:
        reply_submit(reply=reply, user=user)
    return cutoff, len(answers)
