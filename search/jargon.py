"""A plain-English jargon buster for English council papers, for query expansion.

Officers write "NEET", "EHE" and "establishment"; residents ask about "school leavers not
in work", "home schooling" and "how many staff". Each entry is a term as officers write
it, its formal name, and plain phrasings a member of the public might use instead. The
phrasings are matched to the query by meaning (search/expand.py); a match appends the
term and its formal name to the query, so both BM25 and the embedder see the officers'
words. Written for the services whose papers councils publish most: children's services,
education and SEND, health, adult care, finance, governance and place.

Format: one entry a line, `TERM | formal name | phrasing; phrasing; ...`.
"""

import hashlib
from dataclasses import dataclass

_TABLE = """
NEET | not in education, employment or training | young people not in work or study; school leavers without a job or college place; teenagers not working or learning; unemployed young people
not known | young people whose education or employment is not known | teenagers the council has lost track of; school leavers whose destination is unknown
EHE | elective home education | parents teaching their own children at home; home schooling; families taking children out of school to educate them at home; children educated at home instead of school
CME | children missing education | children not on any school roll; children of school age with no school place; pupils who have dropped out of the school system; children not receiving any education
exclusions | permanent exclusions and suspensions | pupils expelled from school; children sent home from school for bad behaviour; kids kicked out of school; fixed term exclusions
persistent absence | persistent absence and school attendance | pupils missing a lot of school; truancy; children skipping school; poor attendance at school
alternative provision | alternative provision and pupil referral units | schools for pupils who cannot attend mainstream school; education for excluded children; PRU
academies | academy conversion | schools leaving council control; schools that became academies; schools run by trusts instead of the council; multi-academy trusts
maintained schools | local authority maintained schools | schools the council still runs; community schools
attainment | educational attainment and outcomes | exam results; how well pupils do at school; GCSE results; key stage 2 results; reading writing and maths scores
disadvantaged pupils | disadvantaged pupils and pupil premium | poorer pupils; children on free school meals; attainment gap between rich and poor children
school places | school place planning and sufficiency | enough school places; new schools being built; school admissions; getting a place at a local school
home to school transport | home to school transport | school buses; taxis to take children to school; travel to school for pupils with special needs
early years | early years education and childcare | nursery places; preschool children; free childcare hours; good level of development at age five
DSG | dedicated schools grant | money from government for schools; schools budget; education funding from central government
high needs block | high needs block of the dedicated schools grant | money for special educational needs; SEND budget deficit; overspend on special needs funding
virtual school | virtual school for children in care | education of children in care; school results of looked after children
post-16 | post-16 education and training | sixth form; college; apprenticeships; further education after GCSEs
SEND | special educational needs and disabilities | children with special needs; disabled children; kids with learning difficulties; pupils needing extra support at school
EHCP | education, health and care plan | legal plan of support for a child with special needs; statement of special educational needs; EHC plan
EHC needs assessment | education, health and care needs assessment | assessing a child for a special needs plan; 20 week deadline for EHC plans; how long families wait for an EHCP
special schools | special schools and resourced provision | schools for disabled children; specialist school places; independent special school placements
parent carer forum | parent carer forum and parent carer voice | group representing families of disabled children; parents of children with special needs
short breaks | short breaks and respite care | respite for families of disabled children; breaks for carers of disabled children
ASD | autistic spectrum disorder and neurodevelopmental assessment | autism; autism diagnosis waiting list; ADHD assessment; waiting for an autism assessment
CAMHS | child and adolescent mental health services | mental health services for young people; children's mental health waiting times; help for anxious or depressed teenagers
emotional wellbeing | emotional wellbeing and mental health | young people's mental health; self harm; anxiety and depression in children; counselling in schools
preparing for adulthood | preparing for adulthood and transition | disabled teenagers moving to adult services; young people with special needs becoming adults
children in care | children in care and looked after children | kids in care; children looked after by the council; children living in foster care or children's homes; number of children taken into care
CiC | children in care | looked after children; LAC; children the council looks after
care leavers | care leavers | young people who have left care; former children in care; support for young adults leaving care; care experienced young people
UASC | unaccompanied asylum seeking children | refugee children arriving alone; child asylum seekers without parents; national transfer scheme
foster care | foster care and fostering | foster carers; foster families; recruiting foster parents; fostering allowances
residential care | residential children's homes | children's homes; residential placements; costly external placements for children in care
placement sufficiency | sufficiency of placements for children in care | enough foster and residential places; shortage of placements for children in care; placement costs
SGO | special guardianship order | relatives or friends becoming a child's legal guardian; grandparents bringing up grandchildren; kinship care orders
kinship care | kinship care and family and friends care | children brought up by relatives; grandparents caring for children; family and friends carers
adoption | adoption | adopting children; adoptive parents; regional adoption agency
child protection | child protection plans | children at risk of significant harm; abuse and neglect; children on a protection plan; section 47 enquiries
CiN | children in need | children needing help from social services; child in need plans
early help | early help and family support | support for families before problems get worse; early intervention with struggling families; family support workers
family hubs | family hubs and children's centres | one stop shops for family services; children's centres; Sure Start
MASH | multi-agency safeguarding hub | front door for reports about children at risk; where referrals about children are received and screened
referrals | contacts and referrals to children's social care | reports of concern about a child; calls to social services about children; demand on children's services
caseloads | social work caseloads | number of cases each social worker holds; social workers' workload; cases per worker
social work workforce | social work recruitment, retention and agency staff | vacancies for social workers; agency social workers; staff turnover; newly qualified social workers; recruiting and keeping social workers
establishment | staffing establishment in full time equivalent posts | number of staff in a team; funded posts; FTE; staffing structure
edge of care | edge of care services | keeping children out of care; preventing family breakdown; helping families stay together
CSE | child sexual exploitation and criminal exploitation | grooming of children; county lines; gangs exploiting children; child criminal exploitation
missing children | children missing from home or care | runaway children; children who go missing; return home interviews
domestic abuse | domestic abuse and perpetrator programmes | domestic violence; controlling or coercive behaviour; abusive partners or parents; perpetrator programmes
youth justice | youth justice service | young offenders; crime by teenagers; youth offending team; first time entrants to the youth justice system; out of court disposals
Supporting Families | Supporting Families programme (formerly Troubled Families) | troubled families; payment by results for turning families around; families with multiple problems
corporate parenting | corporate parenting | the council's duty as parent to children in care; corporate parenting panel
Ofsted | Ofsted inspections | inspection rating; inspectors' judgement of children's services; good or outstanding; requires improvement
IRO | independent reviewing officer | review of a child's care plan; reviewing officers for children in care
care proceedings | care proceedings and the Public Law Outline | court cases to take children into care; care orders; family court
private fostering | private fostering | children living with someone who is not a close relative for 28 days or more
ACE | adverse childhood experiences | childhood trauma; children who have been through abuse, neglect or family breakdown; trauma informed practice
FGC | family group conference | family meetings to plan a child's care; relatives coming together to make a plan for a child
HAF | holiday activities and food programme | free holiday clubs with meals; school holiday activities for children on free school meals; holiday hunger
GLD | good level of development in the early years foundation stage | school readiness at age five; how ready children are for school; reception year results
speech and language | speech and language therapy | children with speech delays; help with talking and communication; speech therapists
educational psychology | educational psychology service | educational psychologists; assessment of a child's learning needs; psychologist reports for special needs plans
SEMH | social, emotional and mental health needs | children with behaviour difficulties; pupils with emotional problems at school
GRT | Gypsy, Roma and Traveller children | traveller pupils; gypsy and traveller families
EAL | English as an additional language and ethnic minority achievement | pupils who do not speak English at home; children learning English; refugee pupils
ENAS | extended non-attendance at school | school refusers; children too anxious to go to school; emotionally based school avoidance
fair access | fair access protocol | placing hard to place pupils in schools; finding a school for excluded children mid year
PEP | personal education plan | education plans for children in care; school targets for looked after children
DSL | designated safeguarding lead | the teacher responsible for child protection in a school
SENDIAS | SEND information, advice and support service | independent advice for parents of children with special needs
NQSW | newly qualified social workers and the assessed and supported year in employment | social workers in their first year; trainee social workers
CHC | continuing health care | NHS funded care for people with complex health needs
restorative practice | restorative practice | repairing harm by bringing people together; restorative approaches in schools and families
Signs of Safety | Signs of Safety practice model | the way social workers assess risk with families; strengths based social work
deprivation | deprivation and poverty | poor families; child poverty; deprived areas; low income households; cost of living
digital | digital and technology | online services; websites and apps; digital skills
young carers | young carers | children who look after a sick or disabled parent; children caring for family members
youth services | youth services and positive activities | youth clubs; activities for teenagers; youth workers; youth council
voice of the child | participation and the voice of children and young people | what children and young people say; listening to young people; surveys of young people's views
health visiting | health visiting service | health visitors; checks for babies and toddlers; support for new parents
school nursing | school nursing service | school nurses; health checks in schools
FNP | Family Nurse Partnership | specialist nurses for young first-time parents; intensive home visiting for young mothers
teenage pregnancy | teenage conceptions | under 18 pregnancies; teenage mothers
childhood obesity | childhood obesity and the National Child Measurement Programme | overweight children; child weight; healthy eating for children
immunisation | immunisation and vaccination | vaccines for children; vaccination rates; jabs
substance misuse | substance misuse services | drug and alcohol problems; young people using drugs; addiction treatment
public health | public health | health of the population; public health grant; health inequalities; life expectancy
ICB | integrated care board | NHS commissioners; clinical commissioning group; CCG; local NHS funding body
JSNA | joint strategic needs assessment | analysis of local health and care needs
health and wellbeing board | health and wellbeing board | joint board of the council and NHS
adult social care | adult social care | care for older people; care for disabled adults; social care for adults; care packages
home care | domiciliary care | carers visiting people at home; home care hours; care workers visiting older people
care homes | residential and nursing care homes | nursing homes; old people's homes; care home placements
hospital discharge | hospital discharge and delayed transfers of care | bed blocking; patients waiting to leave hospital; delayed discharge
reablement | reablement | short term help to regain independence after hospital
direct payments | direct payments and personal budgets | money given to people to arrange their own care
unpaid carers | carers and carers' assessments | family members caring for a relative; support for carers
safeguarding adults | safeguarding adults | abuse of vulnerable adults; protecting adults at risk
DoLS | deprivation of liberty safeguards | restricting the freedom of people who lack capacity
learning disabilities | learning disabilities | adults with learning disabilities; supported living
BCF | Better Care Fund | pooled budget between council and NHS
MTFS | medium term financial strategy | council's budget plan for the next few years; future funding gap; savings needed in coming years
revenue budget | revenue budget and monitoring | day to day spending; forecast overspend or underspend; budget position; spending against budget
overspend | overspend and underspend | spending more than the budget; budget pressures; cost pressures; forecast deficit
savings | savings programme | cuts; budget reductions; savings not delivered; efficiency savings
reserves | earmarked and general reserves | council's savings pots; rainy day money; using reserves to balance the budget
capital programme | capital programme | building projects; investment in roads, schools and buildings; capital spending
council tax | council tax and precept | council tax rise; the amount residents pay; adult social care precept
grant funding | grant funding from government | money from central government; government grants; funding settlement
outturn | outturn | final spending at the end of the financial year; year end position
fees and charges | fees and charges | what the council charges for services; prices for services
OSC | overview and scrutiny committee | scrutiny committee; councillors checking decisions; scrutiny panel
cabinet | cabinet and portfolio holders | the council's executive; cabinet member responsible; leader of the council
work programme | scrutiny work programme | what the committee plans to look at; future agenda items; topics for scrutiny
task and finish group | task and finish group | short scrutiny review by a small group of councillors
call-in | call-in of a decision | scrutiny challenging a cabinet decision before it takes effect
key decision | key decision | major decision on spending or affecting several wards; forward plan
declarations of interest | declarations of interest | councillors declaring personal or pecuniary interests; conflicts of interest
public questions | questions from the public and councillors | residents asking questions at the meeting; councillors' questions to the portfolio holder
minutes | minutes of the previous meeting | what was decided at the last meeting; record of the meeting; matters arising
resolution | resolutions and recommendations | what the committee agreed; decision taken; recommendation to cabinet
exempt information | exempt information and exclusion of the press and public | confidential item; private session; part two
complaints | complaints and the Local Government and Social Care Ombudsman | complaints about the council; ombudsman findings; compliments and complaints
performance | performance scorecard and key performance indicators | targets; performance figures; how the service is doing; dashboard; KPIs; rag rating
workforce | workforce, recruitment and sickness absence | staff numbers; staff sickness; recruitment difficulties; pay and grading
commissioning | commissioning and procurement | contracts with providers; tender; outsourced services; buying services
partnership | safeguarding partnership | local safeguarding children board; partners working together to keep children safe
serious case review | child safeguarding practice reviews | serious case reviews; learning from child deaths or serious harm
highways | highways maintenance | potholes; road repairs; resurfacing; street lighting; gritting
transport | transport and bus services | buses; public transport; concessionary fares; rail
planning | planning applications and the local plan | planning permission; new housing developments; section 106 contributions
housing | housing and homelessness | homeless families; temporary accommodation; social housing; affordable homes
waste | waste and recycling | rubbish collection; recycling rates; household waste recycling centres; fly tipping
libraries | libraries | library closures; library opening hours; mobile libraries
fire and rescue | fire and rescue service | firefighters; fire stations; response times to fires
climate change | climate change and net zero | carbon emissions; climate emergency; environment; tree planting
broadband | broadband and digital infrastructure | internet access; superfast broadband; digital inclusion
economy | economic development and skills | jobs; local businesses; employment; skills and training for adults
community safety | community safety | crime and anti-social behaviour; police and crime; community safety partnership
"""


@dataclass(frozen=True, slots=True)
class Jargon:
    """One term officers use, its formal name, and plain phrasings that mean it."""

    term: str
    formal: str
    phrasings: tuple[str, ...]


def _parse(table: str) -> tuple[Jargon, ...]:
    entries = []
    for line in table.strip().splitlines():
        term, formal, phrasings = (part.strip() for part in line.split("|"))
        entries.append(Jargon(term, formal, tuple(p.strip() for p in phrasings.split(";"))))
    return tuple(entries)


JARGON = _parse(_TABLE)
TABLE_DIGEST = hashlib.sha256(_TABLE.encode()).hexdigest()  # names the cached vectors
